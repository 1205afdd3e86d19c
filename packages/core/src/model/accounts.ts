/** Kinds of organisation in a monitoring mechanism (SPEC "Who uses it"). */
export const ORG_KINDS = ['secretariat', 'guarantor', 'party', 'facilitator', 'observer', 'monitor'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** A user's role inside their own organisation. */
export const ROLES = ['admin', 'officer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the signed-in user, their organisation and role. */
export interface Actor {
  userId: string;
  orgId: string;
  orgKind: OrgKind;
  role: Role;
}
