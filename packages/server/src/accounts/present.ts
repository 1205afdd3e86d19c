import { storedLabels } from '../mechanism/index.ts';
import type { Organisation, User } from './schema.ts';
import type * as store from './store.ts';

/** Rows as the API answers them (schema.ts). */

export function presentOrganisation(o: Awaited<ReturnType<typeof store.listOrganisations>>[number]): Organisation {
  return {
    id: o.id,
    name: o.name,
    shortName: o.short_name,
    labels: storedLabels(o.labels, o.name),
    shortLabels: storedLabels(o.short_labels, o.short_name),
    kind: o.kind,
    version: o.version,
    createdAt: new Date(o.created_at).toISOString(),
  };
}

export function presentUser(u: Awaited<ReturnType<typeof store.listUsers>>[number]): User {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    organisationId: u.organisation_id,
    role: u.role,
    active: u.active,
    totpEnabled: u.totp_secret !== null,
    createdAt: new Date(u.created_at).toISOString(),
    version: u.version,
  };
}
