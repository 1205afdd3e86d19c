import type { ReportContent } from './model.ts';

/**
 * Rules on a report's content that the JSON schema cannot say, with the field at fault
 * as a JSON pointer into the request body. Pure: the caller passes what it knows of the
 * mechanism (types, parties, excluded groups, evidence that exists) and the time now.
 */
export interface ReportContext {
  now: Date;
  activeTypeCodes: ReadonlySet<string>;
  partyIds: ReadonlySet<string>;
  excludedGroupIds: ReadonlySet<string>;
  knownEvidence: ReadonlySet<string>;
}

export interface ReportFieldError {
  path: string;
  message: string;
}

/** Five minutes' grace for clocks that run a little fast on phones. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Reports on events older than this are almost certainly a mistyped year. */
const EARLIEST = Date.UTC(1990, 0, 1);

export function validateReport(content: ReportContent, ctx: ReportContext): ReportFieldError[] {
  const errors: ReportFieldError[] = [];
  const at = Date.parse(content.occurredAt);
  if (Number.isNaN(at)) errors.push({ path: '/body/occurredAt', message: 'is not a date and time' });
  else if (at > ctx.now.getTime() + CLOCK_SKEW_MS) errors.push({ path: '/body/occurredAt', message: 'is in the future' });
  else if (at < EARLIEST) errors.push({ path: '/body/occurredAt', message: 'is before 1990; check the year' });

  const { lat, lon } = content.location;
  if (!(lat >= -90 && lat <= 90)) errors.push({ path: '/body/location/lat', message: 'must be from -90 to 90' });
  if (!(lon >= -180 && lon <= 180)) errors.push({ path: '/body/location/lon', message: 'must be from -180 to 180' });

  if (!ctx.activeTypeCodes.has(content.typeCode)) {
    errors.push({ path: '/body/typeCode', message: `"${content.typeCode}" is not an active violation type of this mechanism` });
  }

  const p = content.allegedPerpetrator;
  if (p.kind === 'party' && !ctx.partyIds.has(p.organisationId))
    errors.push({ path: '/body/allegedPerpetrator/organisationId', message: 'is not a party to the mechanism' });
  if (p.kind === 'excluded' && !ctx.excludedGroupIds.has(p.groupId))
    errors.push({ path: '/body/allegedPerpetrator/groupId', message: 'is not a group excluded from the ceasefire' });
  const a = content.affectedSide;
  if (a.kind === 'party' && !ctx.partyIds.has(a.organisationId))
    errors.push({ path: '/body/affectedSide/organisationId', message: 'is not a party to the mechanism' });

  content.evidence.forEach((hash, i) => {
    if (!ctx.knownEvidence.has(hash)) errors.push({ path: `/body/evidence/${i}`, message: 'no such evidence file: upload it first through /api/evidence' });
  });
  if (new Set(content.evidence).size !== content.evidence.length) errors.push({ path: '/body/evidence', message: 'lists the same file twice' });
  return errors;
}

/** Rounds a location to what may be shown to someone the exact place is sealed from. */
export function roundedLocation(lat: number, lon: number): { lat: number; lon: number } {
  // One decimal degree is about 11 km: the scale of a district, not of a village.
  return { lat: Math.round(lat * 10) / 10, lon: Math.round(lon * 10) / 10 };
}
