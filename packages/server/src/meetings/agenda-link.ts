import type { AgendaLink } from '@truce/core/meetings/agenda';

/** What an agenda item (a row) is about, or null for a free item. */
export const linkOf = (i: { incident_id: string | null; exchange_id: string | null; action_item_id: string | null }): AgendaLink | null =>
  i.incident_id
    ? { kind: 'incident', incidentId: i.incident_id }
    : i.exchange_id
      ? { kind: 'exchange', exchangeId: i.exchange_id }
      : i.action_item_id
        ? { kind: 'action-item', actionItemId: i.action_item_id }
        : null;
