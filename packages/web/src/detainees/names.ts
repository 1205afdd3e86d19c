import type { PersonRecord } from '@truce/core/detainees/person';

/**
 * A person's name as lists write them: the full name when the list gives one, else the
 * parts joined in the usual Arabic order (given name, father's, grandfather's, family
 * name). The mother's name is not part of a person's name. Empty when nothing is known.
 */
export function personName(p: Pick<PersonRecord, 'fullName' | 'givenName' | 'fatherName' | 'grandfatherName' | 'familyName'> | null | undefined): string {
  if (!p) return '';
  const full = p.fullName?.trim();
  if (full) return full;
  return [p.givenName, p.fatherName, p.grandfatherName, p.familyName]
    .map((part) => part?.trim())
    .filter((part): part is string => !!part)
    .join(' ');
}

/** A person's birth as a list knows it: the full date (YYYY-MM-DD) when known, else the year, else empty. */
export function birthOf(p: Pick<PersonRecord, 'birthDate' | 'birthYear'> | null | undefined): string {
  if (!p) return '';
  if (p.birthDate) return p.birthDate;
  return p.birthYear ? String(p.birthYear) : '';
}

/** "87 %" in the reader's language for a score in [0, 1]; below 1 % and above 99 % it says so rather than round to 0 or 100. */
export function scorePercent(score: number, lang: string): string {
  const pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  if (!Number.isFinite(score)) return '';
  if (score > 0 && score < 0.01) return `<${pct.format(0.01)}`;
  if (score < 1 && score > 0.99) return `>${pct.format(0.99)}`;
  return pct.format(score);
}
