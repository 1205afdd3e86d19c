import type { Kysely } from 'kysely';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import type { MeetingSummary } from './schema.ts';
import * as store from './store.ts';
import { loadMeetings, present } from './view.ts';

type Db = Kysely<Database>;

/** The meetings this reader may see, newest first, with counts of what it may see in each. */
export async function listMeetings(db: Db, auth: Auth): Promise<MeetingSummary[]> {
  const data = await loadMeetings(db, await store.listMeetings(db));
  const out: MeetingSummary[] = [];
  for (const m of data.meetings) {
    const shown = present(data, auth, m.id);
    if (!shown) continue;
    out.push({
      id: shown.id,
      title: shown.title,
      startsAt: shown.startsAt,
      venue: shown.venue,
      status: shown.status,
      version: shown.version,
      participantIds: shown.participants.map((p) => p.organisationId),
      agendaItems: shown.agenda.length,
      decisions: {
        adopted: shown.decisions.filter((d) => d.status === 'adopted').length,
        proposed: shown.decisions.filter((d) => d.status === 'proposed').length,
      },
      openActionItems: shown.actionItems.filter((a) => a.status === 'open').length,
    });
  }
  return out;
}
