import { useTranslation } from 'react-i18next';
import type { AffectedSide, Perpetrator, ReportContent, ReportLocation, TimePrecision } from '@truce/core/reports/model';
import type { ExcludedGroup, ViolationType } from '../api/types.ts';
import { byId, useOrganisations } from '../accounts/api.ts';
import { useFormat } from '../i18n/format.ts';
import { shortLabelsOf } from '../i18n/vocabulary.ts';
import { useVocabulary } from '../i18n/VocabularyLabel.tsx';
import { useCollection } from '../mechanism/api.ts';
import type { Report } from './api.ts';
import { localName } from './geo.ts';

/** The mechanism's parties, excluded groups and violation types, for showing names where reports hold ids. */
export function useLookups() {
  const organisations = useOrganisations();
  const groups = useCollection<ExcludedGroup>('excluded-groups');
  const types = useCollection<ViolationType>('taxonomy');
  const vocabulary = useVocabulary();
  const orgs = byId(organisations.data);
  const parties = (organisations.data ?? []).filter((o) => o.kind === 'party');
  return {
    organisations: organisations.data ?? [],
    parties,
    orgs,
    /** Filter options in the reader's language (an English fallback marked). */
    typeOptions: (types.data ?? []).map((v) => ({ value: v.code, label: vocabulary.text(v.labels, v.code) })),
    partyOptions: parties.map((p) => ({ value: p.id, label: vocabulary.text(shortLabelsOf(p), p.shortName || p.name) })),
    /** A type's, an organisation's or an excluded group's label in the reader's language, as text. */
    typeText: (code: string) => vocabulary.text((types.data ?? []).find((v) => v.code === code)?.labels, code),
    orgText: (id: string) => vocabulary.text(orgs.get(id)?.labels, id),
    groupText: (id: string) => vocabulary.text((groups.data ?? []).find((g) => g.id === id)?.labels, id),
    /** An organisation's short name in the reader's language, or null when it is not known. */
    orgShort: (id: string): string | null => {
      const o = orgs.get(id);
      return o ? vocabulary.text(shortLabelsOf(o), o.shortName || o.name) : null;
    },
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
  const vocabulary = useVocabulary();
  const orgName = (id: string) => vocabulary.text(lookups.orgs.get(id)?.labels) || t('reports.unknownOrganisation');
  const typeLabels = (code: string) => lookups.types.find((v: ViolationType) => v.code === code)?.labels;
  return {
    when(occurredAt: string, precision: TimePrecision): string {
      const shown = precision === 'day' || precision === 'approximate' ? fmt.date(occurredAt) : fmt.dateTime(occurredAt);
      return precision === 'exact' ? shown : `${shown} · ${t(`reports.timePrecision.${precision}`)}`;
    },
    /** The type's label as text (titles, sentences); cards show it with VocabularyLabel and typeLabels. */
    type(code: string): string {
      return vocabulary.text(typeLabels(code), code);
    },
    typeLabels,
    perpetrator(p: Perpetrator): string {
      if (p.kind === 'party') return orgName(p.organisationId);
      if (p.kind === 'excluded') return vocabulary.text(lookups.groups.find((g) => g.id === p.groupId)?.labels) || t('reports.unknownGroup');
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
