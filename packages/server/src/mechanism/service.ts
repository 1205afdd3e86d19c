import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { parseSignerKey } from '@truce/core/log/index';
import { DEFAULT_TAXONOMY } from '@truce/core/mechanism/taxonomy';
import { parseDisclosure } from '@truce/core/incidents/disclosure';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { badRequest, notFound, staleVersion } from '../errors/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import type { Mechanism, MechanismUpdate } from './schema.ts';

/** The mechanism itself (C1): one per installation, created by the one-time set-up. */

export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'mechanism';
}

/** Checkpoint origin: TRUCE_LOG_ORIGIN, else the name of the key in TRUCE_LOG_KEY, else truce/<slug>. */
export function originFor(ctx: AppContext, slug: string): string {
  if (ctx.config.logOrigin) return ctx.config.logOrigin;
  if (ctx.config.logKey) return parseSignerKey(ctx.config.logKey).name;
  return `truce/${slug}`;
}

export async function getMechanism(db: Kysely<Database>) {
  return db.selectFrom('mechanism').selectAll().executeTakeFirst();
}

export function presentMechanism(m: NonNullable<Awaited<ReturnType<typeof getMechanism>>>): Mechanism {
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

/**
 * Creates the mechanism with the default violation taxonomy, inside the caller's
 * transaction; the signing key for its log origin is created (or checked) first.
 */
export async function createMechanism(
  ctx: AppContext,
  tx: Kysely<Database>,
  input: { name: string; demo: boolean; supportGroupName?: string },
  actor: LogEvent['actor'],
) {
  const slug = slugify(input.name);
  const origin = originFor(ctx, slug);
  ctx.keyring.signerFor(origin);
  const now = new Date();
  await tx
    .insertInto('mechanism')
    .values({
      id: 1,
      name: input.name,
      slug,
      log_origin: origin,
      decision_rule: 'consensus',
      mfa_required_roles: JSON.stringify([]),
      support_group_name: input.supportGroupName ?? '',
      reply_deadline_hours: 72,
      demo: input.demo,
      updated_at: now,
      version: 1,
    })
    .execute();
  await record(tx, { type: 'mechanism.created', actor, subject: { mechanism: slug }, data: { name: input.name, logOrigin: origin, demo: input.demo } });
  let order = 0;
  for (const t of DEFAULT_TAXONOMY) {
    await tx
      .insertInto('taxonomy')
      .values({
        id: uuidv7(),
        code: t.code,
        label: t.label,
        description: t.description,
        acled_event_type: t.acledEventType,
        acled_sub_event_type: t.acledSubEventType,
        active: true,
        sort_order: order++,
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
  }
  await record(tx, { type: 'taxonomy.defaults_loaded', actor, subject: { mechanism: slug }, data: { codes: DEFAULT_TAXONOMY.map((t) => t.code) } });
}

/** Changes mechanism settings. The log origin never changes: it names the log itself. */
export async function updateMechanism(ctx: AppContext, actor: LogEvent['actor'], input: MechanismUpdate): Promise<Mechanism> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await tx.selectFrom('mechanism').selectAll().forUpdate().executeTakeFirst();
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
      await tx
        .updateTable('mechanism')
        .set({ ...set, updated_at: new Date(), version: current.version + 1 })
        .execute();
      await record(tx, { type: 'mechanism.updated', actor, subject: { mechanism: current.slug }, data });
    }
    return presentMechanism((await getMechanism(tx))!);
  });
}
