import type { ReportContent } from '@truce/core/reports/model';

/** The fields a correction can change, in the order the report shows them. */
export const DIFF_FIELDS = [
  'occurredAt',
  'timePrecision',
  'location',
  'sealLocation',
  'typeCode',
  'allegedPerpetrator',
  'affectedSide',
  'killedCivilian',
  'killedCombatant',
  'injuredCivilian',
  'injuredCombatant',
  'description',
  'language',
  'sources',
  'evidence',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface Change {
  field: DiffField;
  before: unknown;
  after: unknown;
}

function fieldValue(c: ReportContent, field: DiffField): unknown {
  switch (field) {
    case 'killedCivilian':
    case 'killedCombatant':
    case 'injuredCivilian':
    case 'injuredCombatant':
      return c.casualties[field];
    case 'location': {
      const { lat, lon, geoPrecision, pcode, placeName } = c.location;
      return { lat, lon, geoPrecision, pcode: pcode ?? null, placeName: placeName ?? null };
    }
    case 'occurredAt':
      return new Date(c.occurredAt).toISOString();
    default:
      return c[field];
  }
}

/** Equal as JSON with keys in a fixed order: enough for the plain values of a report. */
function same(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

/** What a version changed from the one before it, field by field. */
export function diffContent(before: ReportContent, after: ReportContent): Change[] {
  return DIFF_FIELDS.flatMap((field) => {
    const a = fieldValue(before, field);
    const b = fieldValue(after, field);
    return same(a, b) ? [] : [{ field, before: a, after: b }];
  });
}

/** Evidence files added and removed between two lists of hashes. */
export function evidenceChange(before: string[], after: string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((h) => !before.includes(h)), removed: before.filter((h) => !after.includes(h)) };
}
