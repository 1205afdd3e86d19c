import type { AppContext } from '../context.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import { presentMechanism } from './get-mechanism.ts';
import type { Mechanism, MechanismUpdate } from './schema.ts';
import * as store from './store.ts';

/** Changes mechanism settings. The log origin never changes: it names the log itself. */
export async function updateMechanism(ctx: AppContext, actor: LogEvent['actor'], input: MechanismUpdate): Promise<Mechanism> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.lockMechanism(tx);
    if (!current) throw notFound('The mechanism is not set up yet.');
    if (current.version !== input.version) throw staleVersion('mechanism', current.version);
    const set: Record<string, unknown> = {};
    const data: Record<string, unknown> = {};
    if (input.name !== undefined && input.name.trim() !== current.name) {
      if (!input.name.trim()) throw badRequest('The mechanism needs a name.', [{ path: '/body/name', message: 'must not be blank' }]);
      set.name = data.name = input.name.trim();
    }
    if (input.decisionRule !== undefined && input.decisionRule !== current.decision_rule) set.decision_rule = data.decisionRule = input.decisionRule;
    if (input.mfaRequiredRoles !== undefined) {
      const roles = [...new Set(input.mfaRequiredRoles)].sort();
      if (JSON.stringify(roles) !== JSON.stringify(current.mfa_required_roles)) {
        set.mfa_required_roles = JSON.stringify(roles);
        data.mfaRequiredRoles = roles;
      }
    }
    if (input.supportGroupName !== undefined && input.supportGroupName.trim() !== current.support_group_name) {
      set.support_group_name = data.supportGroupName = input.supportGroupName.trim();
    }
    if (input.replyDeadlineHours !== undefined && input.replyDeadlineHours !== current.reply_deadline_hours) {
      set.reply_deadline_hours = data.replyDeadlineHours = input.replyDeadlineHours;
    }
    if (input.groupingWindowHours !== undefined && input.groupingWindowHours !== current.grouping_window_hours) {
      set.grouping_window_hours = data.groupingWindowHours = input.groupingWindowHours;
    }
    if (input.groupingDistanceKm !== undefined && input.groupingDistanceKm !== current.grouping_distance_km) {
      set.grouping_distance_km = data.groupingDistanceKm = input.groupingDistanceKm;
    }
    if (Object.keys(set).length > 0) {
      await store.updateMechanismRow(tx, set, current.version + 1);
      await record(tx, { type: 'mechanism.updated', actor, subject: { mechanism: current.slug }, data });
    }
    return presentMechanism((await store.getMechanism(tx))!);
  });
}
