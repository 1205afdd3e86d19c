import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { readableReport } from './content.ts';
import type { ReportLogEntries } from './schema.ts';
import * as store from './store.ts';

/**
 * Where the record holds this report: the log index of each version's entry (filing or
 * correction) and of its withdrawal, so a reader can ask for their receipts.
 */
export async function reportLogEntries(db: Kysely<Database>, auth: Auth, id: string): Promise<ReportLogEntries> {
  const row = await readableReport(db, auth, id);
  const all = await store.versionsOf(db, id);
  const times = [...all.map((v) => new Date(v.created_at)), ...(row.withdrawn_at ? [new Date(row.withdrawn_at)] : [])];
  let found = await store.logEntriesNaming(db, id, times);
  // Rows dated apart from their entries (the demo's back-dated reports): look through the whole record.
  if (found.length < times.length) found = await store.logEntriesNaming(db, id, 'any time');
  const versions: { version: number; logIndex: number }[] = [];
  let withdrawal: number | null = null;
  for (const e of found) {
    let entry: { type?: string; subject?: { report?: string }; data?: { version?: number } };
    try {
      entry = JSON.parse(new TextDecoder().decode(e.body));
    } catch {
      continue;
    }
    if (entry.subject?.report !== id) continue;
    if ((entry.type === 'report.filed' || entry.type === 'report.corrected') && typeof entry.data?.version === 'number')
      versions.push({ version: entry.data.version, logIndex: Number(e.idx) });
    if (entry.type === 'report.withdrawn') withdrawal = Number(e.idx);
  }
  return { versions, withdrawal };
}
