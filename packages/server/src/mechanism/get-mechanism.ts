import { parseDisclosure } from '@truce/core/incidents/disclosure';
import type { AppContext } from '../context.ts';
import { notFound } from '../errors/index.ts';
import type { Mechanism } from './schema.ts';
import * as store from './store.ts';

/** The mechanism and its settings; 404 before the set-up. */
export async function showMechanism(ctx: AppContext): Promise<Mechanism> {
  const mechanism = await store.getMechanism(ctx.db);
  if (!mechanism) throw notFound('The mechanism is not set up yet.');
  return presentMechanism(mechanism);
}

export function presentMechanism(m: store.MechanismRow): Mechanism {
  return {
    name: m.name,
    slug: m.slug,
    logOrigin: m.log_origin,
    decisionRule: m.decision_rule,
    mfaRequiredRoles: m.mfa_required_roles as unknown as string[],
    supportGroupName: m.support_group_name,
    replyDeadlineHours: m.reply_deadline_hours,
    groupingWindowHours: m.grouping_window_hours,
    groupingDistanceKm: m.grouping_distance_km,
    adoptedIncidentDisclosure: parseDisclosure(m.adopted_incident_disclosure),
    demo: m.demo,
    version: m.version,
  };
}
