import { detaineeRules } from './detainees.ts';
import { evidenceRules } from './evidence.ts';
import { exchangeRules } from './exchanges.ts';
import { incidentRules } from './incidents.ts';
import { meetingRules } from './meetings.ts';
import { publicationRules } from './publications.ts';
import { reportRules } from './reports.ts';
import type { OpeningRule } from './rule.ts';

/** Entry type → who may have its salts. A type not here is refused (deny by default). */
export const RULES: Record<string, OpeningRule> = {
  ...reportRules,
  ...incidentRules,
  ...evidenceRules,
  ...detaineeRules,
  ...exchangeRules,
  ...meetingRules,
  ...publicationRules,
};
