import { v7 as uuidv7 } from 'uuid';
import type { Kysely } from 'kysely';
import { parseSignerKey } from '@truce/core/log/index';
import { DEFAULT_TAXONOMY } from '@truce/core/mechanism/taxonomy';
import { DEFAULT_TAXONOMY_TRANSLATIONS } from '@truce/core/mechanism/taxonomy-labels';
import type { AppContext } from '../context.ts';
import type { Database } from '../db/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import * as store from './store.ts';

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

/**
 * Creates the mechanism with the default violation taxonomy (labelled in the five
 * interface languages), inside the caller's
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
  await store.insertMechanism(tx, {
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
  });
  await record(tx, { type: 'mechanism.created', actor, subject: { mechanism: slug }, data: { name: input.name, logOrigin: origin, demo: input.demo } });
  let order = 0;
  for (const t of DEFAULT_TAXONOMY) {
    await store.insertViolationType(tx, {
      id: uuidv7(),
      code: t.code,
      label: t.label,
      labels: JSON.stringify({ en: t.label, ...DEFAULT_TAXONOMY_TRANSLATIONS[t.code] }),
      description: t.description,
      acled_event_type: t.acledEventType,
      acled_sub_event_type: t.acledSubEventType,
      active: true,
      sort_order: order++,
      created_at: now,
      updated_at: now,
      version: 1,
    });
  }
  await record(tx, { type: 'taxonomy.defaults_loaded', actor, subject: { mechanism: slug }, data: { codes: DEFAULT_TAXONOMY.map((t) => t.code) } });
}
