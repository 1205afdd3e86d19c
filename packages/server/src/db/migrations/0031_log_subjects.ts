import { sql, type Kysely } from 'kysely';

/**
 * Which entries name which subject (issue 14: receipts on every item). An entry's
 * `subject` ({ report: id }, { incident: id, reply: id }, …) is inside its bytes; this
 * table lists its pairs by the entry's index, so a page can find the entries that
 * recorded one item without reading the record. The sequencer fills it in the statement
 * that numbers the entries; existing entries are listed here.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table log_entry_subjects (
      name text not null,
      value text not null,
      idx bigint not null,
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
    const pairs: { name: string; value: string; idx: number }[] = [];
    for (const row of rows.rows) {
      for (const [name, value] of subjectPairs(decoder, row.body)) pairs.push({ name, value, idx: Number(row.idx) });
    }
    if (pairs.length === 0) continue;
    await sql`
      insert into log_entry_subjects (name, value, idx)
      select * from unnest(${pairs.map((p) => p.name)}::text[], ${pairs.map((p) => p.value)}::text[], ${pairs.map((p) => String(p.idx))}::bigint[])
      on conflict do nothing
    `.execute(db);
  }
}

/** The (name, value) pairs of an entry's subject; none for bytes that do not parse. */
function subjectPairs(decoder: TextDecoder, body: Uint8Array): [string, string][] {
  try {
    const subject = (JSON.parse(decoder.decode(body)) as { subject?: unknown }).subject;
    if (!subject || typeof subject !== 'object') return [];
    return Object.entries(subject).filter((p): p is [string, string] => typeof p[1] === 'string');
  } catch {
    return [];
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table log_entry_subjects`.execute(db);
}
