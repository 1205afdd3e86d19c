import { useTranslation } from 'react-i18next';
import type { AffectedSide, Perpetrator, ReportContent, ReportLocation, TimePrecision } from '@truce/core/reports/model';
import type { ExcludedGroup, ViolationType } from '../api/types.ts';
import { byId, useOrganisations } from '../accounts/api.ts';
import { useFormat } from '../i18n/format.ts';
import { useCollection } from '../mechanism/api.ts';
import type { Report } from './api.ts';
import { localName } from './geo.ts';

/** The mechanism's parties, excluded groups and violation types, for showing names where reports hold ids. */
export function useLookups() {
  const organisations = useOrganisations();
  const groups = useCollection<ExcludedGroup>('excluded-groups');
  const types = useCollection<ViolationType>('taxonomy');
  return {
    organisations: organisations.data ?? [],
    parties: (organisations.data ?? []).filter((o) => o.kind === 'party'),
    orgs: byId(organisations.data),
    groups: groups.data ?? [],
    types: types.data ?? [],
    error: organisations.error ?? groups.error ?? types.error,
    pending: organisations.isPending || groups.isPending || types.isPending,
  };
}
export type Lookups = ReturnType<typeof useLookups>;

/** Sentences for the parts of a report, in the reader's language. */
export function useReportText(lookups: Pick<Lookups, 'orgs' | 'groups' | 'types'>) {
  const { t, i18n } = useTranslation();
  const fmt = useFormat();
  const orgName = (id: string) => lookups.orgs.get(id)?.name ?? t('reports.unknownOrganisation');
  return {
    when(occurredAt: string, precision: TimePrecision): string {
      const shown = precision === 'day' || precision === 'approximate' ? fmt.date(occurredAt) : fmt.dateTime(occurredAt);
      return precision === 'exact' ? shown : `${shown} · ${t(`reports.timePrecision.${precision}`)}`;
    },
    type(code: string): string {
      return lookups.types.find((v: ViolationType) => v.code === code)?.label ?? code;
    },
    perpetrator(p: Perpetrator): string {
      if (p.kind === 'party') return orgName(p.organisationId);
      if (p.kind === 'excluded') return lookups.groups.find((g) => g.id === p.groupId)?.name ?? t('reports.unknownGroup');
      return t('reports.alleged.unknown');
    },
    affected(a: AffectedSide): string {
      if (a.kind === 'party') return orgName(a.organisationId);
      return t(`reports.affected.${a.kind}`);
    },
    count(n: number | null): string {
      return n === null ? t('reports.casualties.notKnown') : fmt.number(n);
    },
    /** The place's name and its district (or governorate), each in its own script; empty when neither is known. */
    placeParts(location: ReportLocation, areas?: Report['areas']): string[] {
      const area = areas?.adm2 ?? areas?.adm1;
      return [...new Set([location.placeName, area && localName(i18n.language, area.nameEn, area.nameAr)].filter((p): p is string => !!p))];
    },
    organisation: orgName,
  };
}

/** "36.2021, 37.1343", kept left to right (an isolate) even inside right-to-left text. */
export function coordinates(location: Pick<ReportLocation, 'lat' | 'lon'>): string {
  return `\u2066${location.lat.toFixed(4)}, ${location.lon.toFixed(4)}\u2069`;
}

/** "3 killed · 5 injured", with "?" for counts not known; empty when none were given at all. */
export function casualtyTotals(c: ReportContent['casualties']): { killed: number | null; injured: number | null } {
  const sum = (a: number | null, b: number | null) => (a === null && b === null ? null : (a ?? 0) + (b ?? 0));
  return { killed: sum(c.killedCivilian, c.killedCombatant), injured: sum(c.injuredCivilian, c.injuredCombatant) };
}
