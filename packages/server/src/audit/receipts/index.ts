import type { Checker } from './common.ts';
import { detaineeCheckers } from './detainees.ts';
import { evidenceCheckers } from './evidence.ts';
import { exchangeCheckers } from './exchanges.ts';
import { incidentCheckers } from './incidents.ts';
import { meetingCheckers } from './meetings.ts';
import { publicationCheckers } from './publications.ts';
import { reportCheckers } from './reports.ts';

/** Entry type → how its item is fetched and compared. Other entries are reported as not covered. */
export const CHECKERS: Record<string, Checker> = {
  ...reportCheckers,
  ...incidentCheckers,
  ...evidenceCheckers,
  ...detaineeCheckers,
  ...exchangeCheckers,
  ...meetingCheckers,
  ...publicationCheckers,
};
