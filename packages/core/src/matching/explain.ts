/**
 * Explanations a reviewer reads: which fields agree, which are similar, which conflict and
 * which are missing, in one line for a CSV cell or a table row.
 */
import type { Candidate, MatchField } from './types.ts';

export const FIELD_LABELS: Record<MatchField, string> = {
  given_name: 'given name',
  father_name: "father's name",
  grandfather_name: "grandfather's name",
  family_name: 'family name',
  mother_name: "mother's name",
  sex: 'sex',
  birth_date: 'birth date',
  birth_place: 'birth place',
  national_id: 'national ID',
  detained_at: 'place of detention',
  detained_on: 'detention date',
};

/** The label of a birth-date agreement says what agreed: the date or the year. */
function label(c: Candidate['comparisons'][number]): string {
  if (c.field === 'birth_date' && c.outcome === 'agree' && c.detail?.endsWith('same year')) return 'birth year';
  return FIELD_LABELS[c.field];
}

/**
 * "agree: given name, father's name, birth year; similar: family name; conflict: mother's
 * name; missing: national ID".
 */
export function explanationText(c: Candidate): string {
  const groups: Record<string, string[]> = { agree: [], similar: [], conflict: [], missing: [] };
  for (const f of c.comparisons) groups[f.outcome].push(label(f));
  return (['agree', 'similar', 'conflict', 'missing'] as const)
    .filter((o) => groups[o].length > 0)
    .map((o) => `${o}: ${groups[o].join(', ')}`)
    .join('; ');
}
