import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/format.ts';
import { useLookups, useReportText } from '../reports/labels.ts';
import { useDetaineeText } from '../detainees/labels.ts';
import type { ExchangeState } from '../detainees/api.ts';
import type { AgendaItem, AgendaReason, ExchangeRef, IncidentRef, MeetingStatus, ProposedItem } from './api.ts';

export const STATUS_COLOUR: Record<MeetingStatus, string> = { scheduled: 'blue', held: 'teal', cancelled: 'gray' };
export const DECISION_COLOUR = { proposed: 'orange', adopted: 'teal', withdrawn: 'gray' } as const;
export const REASON_COLOUR: Record<AgendaReason, string> = {
  'finding-disputed': 'red',
  'exchange-execution': 'grape',
  'exchange-endorsement': 'violet',
  'exchange-approval': 'indigo',
  'action-overdue': 'orange',
  'action-due': 'yellow',
  'reply-overdue': 'orange',
  'finding-awaited': 'gray',
};

/** Words for meetings in the reader's language: states, reasons, and a label for what an item is about. */
export function useMeetingText() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const lookups = useLookups();
  const report = useReportText(lookups);
  const detainees = useDetaineeText();
  const org = (id: string) => lookups.orgShort(id) ?? t('reports.unknownOrganisation');
  const incident = (i: IncidentRef) =>
    t('meetings.item.incident', {
      types: i.typeCodes.map(report.type).join(', ') || t('incidents.title'),
      date: i.firstOccurredAt ? fmt.date(i.firstOccurredAt) : '—',
      parties: i.allegedPartyIds.map(org).join(', ') || '—',
    });
  const exchange = (e: ExchangeRef) => e.title ?? t('meetings.item.exchange', { a: org(e.partyA), b: org(e.partyB) });
  return {
    lookups,
    org,
    status: (s: MeetingStatus) => t(`meetings.status.${s}`),
    reason: (r: AgendaReason) => t(`meetings.reason.${r}`),
    decisionStatus: (s: 'proposed' | 'adopted' | 'withdrawn') => t(`meetings.decision.status.${s}`),
    exchangeState: (s: string) => detainees.exchangeState(s as ExchangeState),
    incident,
    exchange,
    /** The title the secretariat gave, or a label for what the item is about. */
    item(i: Pick<AgendaItem, 'title' | 'incident' | 'exchange' | 'actionItem'>): string {
      if (i.title) return i.title;
      if (i.incident) return incident(i.incident);
      if (i.exchange) return exchange(i.exchange);
      if (i.actionItem) return t('meetings.item.action', { owner: org(i.actionItem.ownerOrgId), text: i.actionItem.text });
      return '—';
    },
    proposed(p: ProposedItem): string {
      if (p.incident) return incident(p.incident);
      if (p.exchange) return exchange(p.exchange);
      if (p.actionItem) return t('meetings.item.action', { owner: org(p.actionItem.ownerOrgId), text: p.actionItem.text });
      return '—';
    },
  };
}
