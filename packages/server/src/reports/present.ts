import { can } from '@truce/core/policy/policy';
import { roundedLocation } from '@truce/core/reports/validate';
import type { AreaRef, ReportContent } from '@truce/core/reports/model';
import type { Actor } from '@truce/core/model/accounts';
import type { Report } from './schema.ts';

/**
 * How a report is shown to one reader. Reporter protection: sources, and on the
 * reporter's request the exact place, are sealed — visible to the secretariat, the
 * guarantors and the reporting organisation only. Everyone else sees the place rounded
 * to its district and no sources. The API, lists and exports all go through here.
 */
export interface ReportRow {
  id: string;
  reporter_org: string;
  reporter_user: string;
  created_at: Date | string;
  current_version: number;
  alleged_party: string | null;
  affected_party: string | null;
  outside_zones: boolean;
  outside_dates: boolean;
  withdrawn_at: Date | string | null;
  withdrawn_reason: string | null;
}

export interface Areas {
  adm1?: AreaRef;
  adm2?: AreaRef;
}

export const scopeOf = (r: Pick<ReportRow, 'reporter_org' | 'alleged_party' | 'affected_party'>) => ({
  reporterOrgId: r.reporter_org,
  allegedPartyId: r.alleged_party,
  affectedPartyId: r.affected_party,
});

const iso = (d: Date | string) => new Date(d).toISOString();

export function presentContent(content: ReportContent, areas: Areas, sealedVisible: boolean): ReportContent & Pick<Report, 'areas' | 'sealed'> {
  if (sealedVisible) return { ...content, areas, sealed: [] as string[] };
  const sealed = ['sources'];
  let location = content.location;
  if (content.sealLocation) {
    sealed.push('location');
    const rounded = roundedLocation(location.lat, location.lon);
    location = { ...rounded, geoPrecision: 'district', ...(areas.adm2 ? { pcode: areas.adm2.pcode, placeName: areas.adm2.nameEn } : {}) };
  }
  return { ...content, location, sources: [], areas, sealed };
}

export function presentReport(
  viewer: Actor,
  row: ReportRow,
  version: { content: unknown; areas: unknown; created_at: Date | string; change_note: string },
): Report {
  const sealedVisible = can(viewer, 'report.read.sealed', scopeOf(row));
  return {
    id: row.id,
    version: row.current_version,
    reporterOrganisationId: row.reporter_org,
    filedAt: iso(row.created_at),
    updatedAt: iso(version.created_at),
    changeNote: version.change_note,
    flags: { outsideZones: row.outside_zones, outsideDates: row.outside_dates },
    withdrawn: row.withdrawn_at ? { at: iso(row.withdrawn_at), reason: row.withdrawn_reason } : null,
    ...presentContent(version.content as ReportContent, version.areas as Areas, sealedVisible),
  };
}
