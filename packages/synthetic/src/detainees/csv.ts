/**
 * CSV text of generated lists: the canonical columns of person.ts with a header row, and
 * the truth file (sought_ref, held_ref, scheme, corruptions, cross_script). RFC 4180
 * quoting; the caller writes the text (UTF-8).
 */
import { CANONICAL_COLUMNS, COLUMN_FIELD, type PersonRecord } from '@truce/core/detainees/person';
import type { DuplicatePair, HardNegative, TruthPair } from './generate.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function table(header: readonly string[], rows: unknown[][]): string {
  return [header.join(','), ...rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
}

/** A list as CSV with the canonical columns. */
export function recordsToCsv(records: PersonRecord[]): string {
  return table(
    CANONICAL_COLUMNS,
    records.map((r) => CANONICAL_COLUMNS.map((c) => r[COLUMN_FIELD[c]])),
  );
}

export function truthToCsv(truth: TruthPair[]): string {
  return table(
    ['sought_ref', 'held_ref', 'scheme', 'corruptions', 'cross_script'],
    truth.map((t) => [t.soughtRef, t.heldRef, t.tags.scheme, t.tags.corruptions, t.tags.crossScript]),
  );
}

export function duplicatesToCsv(duplicates: DuplicatePair[]): string {
  return table(
    ['list', 'ref_a', 'ref_b'],
    duplicates.map((d) => [d.list, d.refA, d.refB]),
  );
}

export function hardNegativesToCsv(pairs: HardNegative[]): string {
  return table(
    ['sought_ref', 'held_ref', 'relation'],
    pairs.map((p) => [p.soughtRef, p.heldRef, p.relation]),
  );
}
