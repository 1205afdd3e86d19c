import { sql, type Kysely } from 'kysely';

/**
 * Which entries name which subject (issue 14: receipts on every item). An entry's
 * `subject` ({ report: id }, { incident: id, reply: id }, …) is inside its bytes; this
 * table lists its pairs by the entry's index, with the entry's type, so a page can find
 * the entries that recorded one item without reading the record. The sequencer fills it in the statement
 * that numbers the entries; existing entries are listed here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table log_entry_subjects (
      name text not null,
      value text not null,
      idx bigint not null,
      type text not null,
      primary key (name, value, idx)
    )
  `.execute(db);
  const decoder = new TextDecoder();
  for (let from = 0; ; from += 1000) {
    const rows = await sql<{ idx: string | number; body: Uint8Array }>`
      select idx, body from log_entries where idx >= ${from} and idx < ${from + 1000} order by idx
    `.execute(db);
    // Indexes have no gaps (the sequencer's rule), so an empty range is the end.
    if (rows.rows.length === 0) break;
    const pairs: { name: string; value: string; idx: number; type: string }[] = [];
    for (const row of rows.rows) {
      const { type, subject } = subjectPairs(decoder, row.body);
      for (const [name, value] of subject) pairs.push({ name, value, idx: Number(row.idx), type });
    }
    if (pairs.length === 0) continue;
    await sql`
      insert into log_entry_subjects (name, value, idx, type)
      select * from unnest(${pairs.map((p) => p.name)}::text[], ${pairs.map((p) => p.value)}::text[], ${pairs.map((p) => String(p.idx))}::bigint[], ${pairs.map((p) => p.type)}::text[])
      on conflict do nothing
    `.execute(db);
  }
}

/** An entry's type and the (name, value) pairs of its subject; none for bytes that do not parse. */
function subjectPairs(decoder: TextDecoder, body: Uint8Array): { type: string; subject: [string, string][] } {
  try {
    const entry = JSON.parse(decoder.decode(body)) as { type?: unknown; subject?: unknown };
    const type = typeof entry.type === 'string' ? entry.type : '';
    if (!entry.subject || typeof entry.subject !== 'object') return { type, subject: [] };
    return { type, subject: Object.entries(entry.subject).filter((p): p is [string, string] => typeof p[1] === 'string') };
  } catch {
    return { type: '', subject: [] };
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table log_entry_subjects`.execute(db);
}
