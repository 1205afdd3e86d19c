import { type Static, Type } from '@sinclair/typebox';
import { ORG_KINDS, ROLES } from '@truce/core/model/accounts';
import { SHORT_LABEL_MAX } from '@truce/core/mechanism/labels';
import { Nullable, OneOf, Text, Timestamp, Uuid, Version } from '../http/index.ts';
import { Labels, LabelsInput } from '../mechanism/index.ts';
import { TOKEN_SCOPES } from './token-scopes.ts';

export type { TokenScope } from './token-scopes.ts';

/** Requests and answers of the accounts module: session, set-up, one's own account, organisations and users (STYLE #3). */

export const Email = Type.String({ format: 'email', maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$', description: '6-digit code from the authenticator app' });
export const OrgKindSchema = OneOf(ORG_KINDS);
export const RoleSchema = OneOf(ROLES);
/** The interface languages (C11). */
export const LANGUAGES = ['en', 'ar', 'ru', 'tr', 'fa'] as const;
export const LanguageSchema = OneOf(LANGUAGES);
export type Language = Static<typeof LanguageSchema>;
export const TokenScopeSchema = OneOf(TOKEN_SCOPES, {
  description: 'read: GET only; file: read, and file reports (versions, withdrawals), evidence and incident replies',
});

const closed = { additionalProperties: false } as const;

// ---- Requests ----

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
export type SetupBody = Static<typeof SetupBody>;
export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, closed);
export const ConfirmTotpBody = Type.Object({ code: TotpCode }, closed);
export const DisableTotpBody = Type.Object({ password: Password }, closed);
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
/**
 * An organisation's name and short name, per interface language (issue 16). `labels` and
 * `shortLabels` replace the whole set; `name` and `shortName` (older clients) change the
 * English one only. A blank short name is the name.
 */
const OrganisationNames = {
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'the English name (labels.en)' })),
  labels: Type.Optional(LabelsInput(200)),
  shortName: Type.Optional(Type.String({ maxLength: SHORT_LABEL_MAX, description: 'the English short name (shortLabels.en); blank: the name' })),
  shortLabels: Type.Optional(LabelsInput(SHORT_LABEL_MAX, false)),
};
export const CreateOrganisationBody = Type.Object({ ...OrganisationNames, kind: OrgKindSchema }, closed);
export const UpdateOrganisationBody = Type.Object({ ...OrganisationNames, version: Version }, closed);
export const CreateUserBody = Type.Object({ name: Text(200, 1), email: Email, organisationId: Uuid, role: RoleSchema }, closed);
export const UpdateUserBody = Type.Object(
  { name: Type.Optional(Text(200, 1)), role: Type.Optional(RoleSchema), active: Type.Optional(Type.Boolean()), version: Version },
  closed,
);
export const UsersQuery = Type.Object({ organisationId: Type.Optional(Uuid) }, closed);
export const LanguageBody = Type.Object({ language: LanguageSchema }, closed);

// ---- Answers ----

/** The mechanism's name and whether it is a demonstration: shown before sign-in, so that nobody types real data into a demo. */
export const MechanismBrief = Type.Object({
  name: Type.String(),
  demo: Type.Boolean(),
  now: Type.String({
    format: 'date-time',
    description: "the mechanism's time now, by which deadlines run and periods start: the server's, or (in the demo) the day after its 2017 story and on",
  }),
});
export type MechanismBrief = Static<typeof MechanismBrief>;

export const SessionUser = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String({ format: 'email' }),
  organisationId: Uuid,
  organisationName: Type.String({ description: "the organisation's English name (organisationLabels.en)" }),
  organisationLabels: Labels,
  organisationKind: OrgKindSchema,
  role: RoleSchema,
  totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  language: Type.Union([LanguageSchema, Type.Null()], { description: 'the language last used in the web app: e-mails are sent in it' }),
});
export type SessionUser = Static<typeof SessionUser>;

/** Who is signed in (sign-in, set-up and GET /api/session answer it). */
export const Session = Type.Object({
  user: SessionUser,
  mfaEnrolmentRequired: Type.Boolean({ description: 'the mechanism requires a second factor the user has not set up: only their account is open to them' }),
  mechanism: Nullable(MechanismBrief),
});
export type Session = Static<typeof Session>;

export const SetupStatus = Type.Object({ needed: Type.Boolean(), mechanism: Nullable(MechanismBrief) });
export type SetupStatus = Static<typeof SetupStatus>;

export const TotpEnrolment = Type.Object({
  secret: Type.String({ description: 'base32, to type into an authenticator app' }),
  uri: Type.String({ description: 'otpauth:// URI, for a QR code' }),
});
export type TotpEnrolment = Static<typeof TotpEnrolment>;

export const TotpEnabled = Type.Object({ enabled: Type.Literal(true) });
export type TotpEnabled = Static<typeof TotpEnabled>;

export const ApiToken = Type.Object({
  id: Uuid,
  name: Type.String(),
  scope: TokenScopeSchema,
  createdAt: Timestamp,
  expiresAt: Timestamp,
  expired: Type.Boolean(),
  lastUsedAt: Nullable(Timestamp),
});
export type ApiToken = Static<typeof ApiToken>;
export const ApiTokenList = Type.Array(ApiToken);
export type ApiTokenList = Static<typeof ApiTokenList>;

/** A new token: `token` is shown this once, only its hash is kept. */
export const CreatedToken = Type.Object({ id: Uuid, name: Type.String(), scope: TokenScopeSchema, expiresAt: Timestamp, token: Type.String() });
export type CreatedToken = Static<typeof CreatedToken>;

export const Organisation = Type.Object({
  id: Uuid,
  name: Type.String({ description: 'the English name (labels.en)' }),
  shortName: Type.String({ description: 'the English short name (shortLabels.en)' }),
  labels: Labels,
  shortLabels: Labels,
  kind: OrgKindSchema,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
});
export type Organisation = Static<typeof Organisation>;
export const OrganisationList = Type.Array(Organisation);
export type OrganisationList = Static<typeof OrganisationList>;

export const User = Type.Object({
  id: Uuid,
  name: Type.String(),
  email: Type.String({ format: 'email' }),
  organisationId: Uuid,
  role: RoleSchema,
  active: Type.Boolean(),
  totpEnabled: Type.Boolean(),
  createdAt: Timestamp,
  version: Type.Integer({ minimum: 1 }),
});
export type User = Static<typeof User>;
export const UserList = Type.Array(User);
export type UserList = Static<typeof UserList>;

/** A one-time password, shown once; it must be changed at the first sign-in. */
export const TemporaryPassword = Type.Object({ temporaryPassword: Type.String() });
export type TemporaryPassword = Static<typeof TemporaryPassword>;

export const CreatedUser = Type.Object({ user: User, temporaryPassword: Type.String() });
export type CreatedUser = Static<typeof CreatedUser>;
