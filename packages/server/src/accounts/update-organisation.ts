import { canonicalJson } from '@truce/core/log/index';
import type { AppContext } from '../context.ts';
import { conflict, notFound, staleVersion } from '../errors/index.ts';
import { record } from '../log/index.ts';
import { labelsFrom, storedLabels } from '../mechanism/index.ts';
import { loggedActor, type Auth } from './authenticate.ts';
import { presentOrganisation } from './present.ts';
import type { Organisation } from './schema.ts';
import * as store from './store.ts';

type Names = { name?: string; labels?: Record<string, string | undefined>; shortName?: string; shortLabels?: Record<string, string | undefined> };

/**
 * Renames an organisation (the secretariat), in any of the interface languages; logged
 * only when something changed. Throws 400 naming the field for a blank or malformed name,
 * 404, 409 on a stale version or an English name another organisation has.
 */
export async function updateOrganisation(ctx: AppContext, auth: Auth, id: string, input: Names & { version: number }): Promise<Organisation> {
  return ctx.db.transaction().execute(async (tx) => {
    const current = await store.lockOrganisation(tx, id);
    if (!current) throw notFound('There is no such organisation.');
    if (current.version !== input.version) throw staleVersion('organisation', current.version);
    const before = { labels: storedLabels(current.labels, current.name), short: storedLabels(current.short_labels, current.short_name) };
    const labels = labelsFrom(input, { single: 'name', current: before.labels });
    const short = labelsFrom(input, { single: 'shortName', field: 'shortLabels', current: before.short, englishDefault: (labels ?? before.labels).en });
    const changes: { name?: string; short_name?: string; labels?: string; short_labels?: string } = {};
    const data: Record<string, unknown> = {};
    if (labels && canonicalJson(labels) !== canonicalJson(before.labels)) {
      if (labels.en !== current.name) {
        const other = await store.findOrganisationByName(tx, labels.en);
        if (other && other.id !== id) throw conflict(`An organisation named "${labels.en}" exists already.`, 'duplicate_name');
        changes.name = data.name = labels.en;
      }
      changes.labels = JSON.stringify(labels);
      data.labels = labels;
    }
    if (short && canonicalJson(short) !== canonicalJson(before.short)) {
      if (short.en !== current.short_name) changes.short_name = data.shortName = short.en;
      changes.short_labels = JSON.stringify(short);
      data.shortLabels = short;
    }
    if (Object.keys(changes).length > 0) {
      await store.updateOrganisation(tx, id, changes, current.version + 1);
      await record(tx, { type: 'organisation.updated', actor: loggedActor(auth), subject: { organisation: id }, data });
    }
    return presentOrganisation((await store.findOrganisation(tx, id))!);
  });
}
