import { Type } from '@sinclair/typebox';
import { ORG_KINDS, ROLES } from '@truce/core/model/accounts';
import { Text, Uuid, Version } from '../http/index.ts';
import { TOKEN_SCOPES } from './token-scopes.ts';

/** Request shapes of the accounts module (STYLE #3). */

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code from the authenticator app' });
export const OrgKindSchema = Type.Union(ORG_KINDS.map((k) => Type.Literal(k)));
export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

const closed = { additionalProperties: false } as const;

export const SignInBody = Type.Object({ email: Email, password: Password, totp: Type.Optional(Type.String({ maxLength: 6 })) }, closed);
export const SetupBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 100 }),
    mechanismName: Text(200, 1),
    organisationName: Text(200, 1),
    name: Text(200, 1),
    email: Email,
    password: Password,
  },
  closed,
);
export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, closed);
export const ConfirmTotpBody = Type.Object({ code: TotpCode }, closed);
export const DisableTotpBody = Type.Object({ password: Password }, closed);
export const TokenScopeSchema = Type.Union(
  TOKEN_SCOPES.map((s) => Type.Literal(s)),
  { description: 'read: GET only; file: read, and file reports (versions, withdrawals), evidence and incident replies' },
);
export const CreateTokenBody = Type.Object(
  {
    name: Text(100, 1),
    scope: Type.Optional(TokenScopeSchema),
    expiresAt: Type.Optional(
      Type.String({ format: 'date-time', maxLength: 40, description: 'when the token stops working; in the future, at most 365 days ahead (default 90 days)' }),
    ),
  },
  closed,
);
export const CreateOrganisationBody = Type.Object({ name: Text(200, 1), shortName: Type.Optional(Text(60)), kind: OrgKindSchema }, closed);
export const UpdateOrganisationBody = Type.Object({ name: Type.Optional(Text(200, 1)), shortName: Type.Optional(Text(60)), version: Version }, closed);
export const CreateUserBody = Type.Object({ name: Text(200, 1), email: Email, organisationId: Uuid, role: RoleSchema }, closed);
export const UpdateUserBody = Type.Object(
  { name: Type.Optional(Text(200, 1)), role: Type.Optional(RoleSchema), active: Type.Optional(Type.Boolean()), version: Version },
  closed,
);
export const UsersQuery = Type.Object({ organisationId: Type.Optional(Uuid) }, closed);

/** The interface languages (C11). */
export const LanguageBody = Type.Object(
  { language: Type.Union([Type.Literal('en'), Type.Literal('ar'), Type.Literal('ru'), Type.Literal('tr'), Type.Literal('fa')]) },
  { additionalProperties: false },
);
