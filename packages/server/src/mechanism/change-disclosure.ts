import { DISCLOSURE_AUDIENCES, parseDisclosure, type AdoptedIncidentDisclosure } from '@truce/core/incidents/disclosure';
import type { AppContext } from '../context.ts';
import { notFound, staleVersion } from '../errors/index.ts';
import { logIndexOf } from '../incidents/index.ts';
import { record, type LogEvent } from '../log/index.ts';
import type { DisclosureUpdate, MechanismWithEntry } from './schema.ts';
import { presentMechanism } from './get-mechanism.ts';
import * as store from './store.ts';

/** Each audience once, in the canonical order: the stored and logged setting reads the same however it was sent. */
const canonical = (s: AdoptedIncidentDisclosure): AdoptedIncidentDisclosure => ({
  reasoning: DISCLOSURE_AUDIENCES.filter((a) => s.reasoning.includes(a)),
  reply: DISCLOSURE_AUDIENCES.filter((a) => s.reply.includes(a)),
});

/**
 * Changes what each reader reads of an adopted incident (core incidents/disclosure.ts):
 * stored with the mechanism, logged as `mechanism.disclosure_changed` with the old and the
 * new setting, enforced where incidents are read. Answers the mechanism with `logIndex`
 * (null when nothing changed: no entry is written for a setting left as it was).
 */
export async function changeDisclosure(ctx: AppContext, actor: LogEvent['actor'], input: DisclosureUpdate): Promise<MechanismWithEntry> {
  const next = canonical(input.adoptedIncidentDisclosure);
  const entryId = await ctx.db.transaction().execute(async (tx) => {
    const current = await store.lockMechanism(tx);
    if (!current) throw notFound('The mechanism is not set up yet.');
    if (current.version !== input.version) throw staleVersion('mechanism', current.version);
    const before = parseDisclosure(current.adopted_incident_disclosure);
    if (JSON.stringify(before) === JSON.stringify(next)) return null;
    await store.updateMechanismRow(tx, { adopted_incident_disclosure: JSON.stringify(next) }, current.version + 1);
    return record(tx, { type: 'mechanism.disclosure_changed', actor, subject: { mechanism: current.slug }, data: { adoptedIncidentDisclosure: next, before } });
  });
  const mechanism = presentMechanism((await store.getMechanism(ctx.db))!);
  return { ...mechanism, logIndex: entryId === null ? null : await logIndexOf(ctx, entryId) };
}
