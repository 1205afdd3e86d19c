import { can } from '@truce/core/policy/policy';
import { notFound } from '../../errors/index.ts';
import { all, type OpeningRule } from './rule.ts';

/**
 * An exchange's steps: its title and persons, each person's outcome (ref, note). The
 * exchange view shows all of them, names included, to whoever may read the exchange
 * (its two parties, the facilitator, the guarantors): the same readers get the salts.
 */
const exchange: OpeningRule = async (ctx, auth, entry, fields) => {
  const row = await ctx.db
    .selectFrom('exchanges')
    .select(['party_a', 'party_b'])
    .where('id', '=', entry.subject.exchange ?? '')
    .executeTakeFirst();
  if (!row || !can(auth.actor, 'exchange.read', { exchangePartyIds: [row.party_a, row.party_b] })) throw notFound('There is no such exchange.');
  return all(fields, true);
};

export const exchangeRules: Record<string, OpeningRule> = {
  'exchange.proposed': exchange,
  'exchange.approved': exchange,
  'exchange.endorsed': exchange,
  'exchange.outcome': exchange,
};
