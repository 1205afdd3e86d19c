import type { Kysely } from 'kysely';
import { can, type ExchangeScoped } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { Database } from '../db/index.ts';
import { notFound } from '../errors/index.ts';
import type { ExchangeHeader } from './schema.ts';
import * as store from './store.ts';

/** An exchange as the policy sees it: its two parties and the organisation that proposed it. */
export const scope = (e: { party_a: string; party_b: string; proposed_org: string }): ExchangeScoped => ({
  exchangePartyIds: [e.party_a, e.party_b],
  proposedOrgId: e.proposed_org,
});

/** The exchange, if this user may read it (locked for update when `lock`); otherwise "no such exchange". */
export async function exchangeFor(db: Kysely<Database>, auth: Auth, id: string, lock = false) {
  const exchange = await store.findExchange(db, id, lock);
  if (!exchange || !can(auth.actor, 'exchange.read', scope(exchange))) throw notFound('There is no such exchange.');
  return exchange;
}

/** A moment as the API answers it: ISO 8601 (what JSON makes of a Date). */
export const iso = (d: Date | string) => new Date(d).toISOString();

/** An exchange's own fields, as the API answers them. */
export function presentHeader(e: store.ExchangeRow): ExchangeHeader {
  return {
    id: e.id,
    title: e.title,
    mode: e.mode,
    partyA: e.party_a,
    partyB: e.party_b,
    meetingDate: e.meeting_date,
    meetingId: e.meeting_id,
    status: e.status,
    note: e.note,
    proposedOrg: e.proposed_org,
    createdAt: iso(e.created_at),
    updatedAt: iso(e.updated_at),
    version: e.version,
  };
}
