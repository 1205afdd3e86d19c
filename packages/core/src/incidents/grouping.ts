import type { TimePrecision } from '../reports/model.ts';

/**
 * Proposals to group a new report with existing incidents (C3): same or compatible type
 * (same ACLED event type), within a time window and a distance the secretariat sets
 * (defaults 6 hours and 5 km). A person confirms; the system only proposes and says why.
 */
export interface GroupingSubject {
  id: string;
  occurredAt: string;
  timePrecision: TimePrecision;
  lat: number;
  lon: number;
  typeCode: string;
  /** The ACLED event type the violation type maps to: types of one family are compatible. */
  eventType: string;
}

export interface GroupingOptions {
  windowHours: number;
  distanceKm: number;
}

export const DEFAULT_GROUPING: GroupingOptions = { windowHours: 6, distanceKm: 5 };

export interface GroupingProposal {
  id: string;
  /** 0–1: higher is a closer match. */
  score: number;
  hoursApart: number;
  kmApart: number;
  sameType: boolean;
  reasons: string[];
}

/** An imprecise time is a span, not a point: widen the window by what the reporter could not say. */
const SLACK_HOURS: Record<TimePrecision, number> = { exact: 0, hour: 1, day: 12, approximate: 48 };

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function proposeGroupings(
  report: GroupingSubject,
  candidates: readonly GroupingSubject[],
  options: GroupingOptions = DEFAULT_GROUPING,
): GroupingProposal[] {
  const proposals: GroupingProposal[] = [];
  const t = Date.parse(report.occurredAt);
  for (const c of candidates) {
    if (c.id === report.id) continue;
    const sameType = c.typeCode === report.typeCode;
    if (!sameType && c.eventType !== report.eventType) continue;
    const window = options.windowHours + SLACK_HOURS[report.timePrecision] + SLACK_HOURS[c.timePrecision];
    const hoursApart = Math.abs(Date.parse(c.occurredAt) - t) / 3_600_000;
    if (hoursApart > window) continue;
    const kmApart = distanceKm(report.lat, report.lon, c.lat, c.lon);
    if (kmApart > options.distanceKm) continue;
    const score = Math.max(0, Math.min(1, 1 - 0.45 * (hoursApart / window) - 0.45 * (kmApart / options.distanceKm) - (sameType ? 0 : 0.1)));
    proposals.push({
      id: c.id,
      score: Math.round(score * 1000) / 1000,
      hoursApart: Math.round(hoursApart * 10) / 10,
      kmApart: Math.round(kmApart * 10) / 10,
      sameType,
      reasons: [
        `${Math.round(hoursApart * 10) / 10} h apart (window ${window} h)`,
        `${Math.round(kmApart * 10) / 10} km apart (limit ${options.distanceKm} km)`,
        sameType ? `same type (${report.typeCode})` : `compatible types (${report.typeCode} / ${c.typeCode}: ${report.eventType})`,
      ],
    });
  }
  return proposals.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
