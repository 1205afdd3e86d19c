import { can } from '@truce/core/policy/policy';
import type { Auth } from '../accounts/index.ts';
import type { AppContext } from '../context.ts';
import { listFor } from './access.ts';
import { iso } from './present.ts';
import type { ListDetail } from './schema.ts';
import * as store from './store.ts';

/** A list and its versions, newest first. */
export async function showList(ctx: AppContext, auth: Auth, id: string): Promise<ListDetail> {
  const list = await listFor(ctx.db, auth.actor, id, 'detainees.read');
  const versions = await store.versionsOf(ctx.db, id);
  const party = await store.partyNames(ctx.db, list.party_id);
  return {
    id: list.id,
    partyId: list.party_id,
    partyName: party.name,
    partyShortName: party.short_name,
    kind: list.kind,
    version: list.current_version,
    personCount: list.person_count,
    updatedAt: iso(list.updated_at),
    canWrite: can(auth.actor, 'detainees.write', { listPartyId: list.party_id }),
    versions: versions.map((v) => ({
      version: v.version,
      source: v.source,
      fileName: v.file_name,
      fileSha256: v.file_sha256,
      personCount: v.person_count,
      added: v.added,
      removed: v.removed,
      changed: v.changed,
      createdAt: iso(v.created_at),
      createdBy: v.created_by_name,
    })),
  };
}
