// The API contract, shared by the server (validation, OpenAPI) and the web app (types).
import {
  type SchemaOptions,
  type Static,
  type TLiteral,
  type TSchema,
  type TUnion,
  Type,
} from '@sinclair/typebox';
import { HUB_ROLES } from '../permissions.ts';

/** A union of string literals that keeps its precise type. */
export function literals<const T extends readonly string[]>(
  values: T,
  options?: SchemaOptions,
): TUnion<{ -readonly [K in keyof T]: TLiteral<T[K]> }> {
  return Type.Union(values.map((v) => Type.Literal(v)) as never, options) as never;
}

const LOCALE_VALUES = ['kk', 'kk-Latn', 'ru', 'en'] as const;

export const LocaleSchema = literals(LOCALE_VALUES, {
  description: 'kk (Cyrillic), kk-Latn (2021 Latin alphabet), ru or en',
});

const text = (max: number) => Type.String({ maxLength: max });
export const LocalizedTextSchema = Type.Object(
  {
    kk: Type.Optional(text(5000)),
    'kk-Latn': Type.Optional(text(5000)),
    ru: Type.Optional(text(5000)),
    en: Type.Optional(text(5000)),
  },
  { additionalProperties: false, description: 'One text per language; missing languages fall back.' },
);
export type LocalizedTextDto = Static<typeof LocalizedTextSchema>;

export const HubRoleSchema = literals(HUB_ROLES);

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    /** A stable code the web app turns into a message in the user's language. */
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof ProblemSchema>;

export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const Password = Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' });
export const Uuid = Type.String({ format: 'uuid' });

/** A request that must happen once however often it is sent carries a key of the client's choosing. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100 })),
});
export const Slug = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,62}$' });
const Timestamp = Type.String({ format: 'date-time' });

export const HubMembershipSchema = Type.Object({
  hubId: Uuid,
  hubSlug: Type.String(),
  hubName: LocalizedTextSchema,
  roles: Type.Array(HubRoleSchema),
});

export const SessionUserSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  name: Type.String(),
  locale: LocaleSchema,
  networkAdmin: Type.Boolean(),
  hubs: Type.Array(HubMembershipSchema),
});
export type SessionUser = Static<typeof SessionUserSchema>;

export const SessionSchema = Type.Object({
  user: Type.Union([SessionUserSchema, Type.Null()]),
  /** Send back as the x-csrf-token header on every write made with the session cookie. */
  csrfToken: Type.String(),
});
export type SessionDto = Static<typeof SessionSchema>;

export const SignUpBody = Type.Object(
  {
    email: Email,
    password: Password,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    locale: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export const PasswordResetRequestBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
);
export const PasswordResetConfirmBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
  { additionalProperties: false },
);
export const UpdateMeBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), locale: Type.Optional(LocaleSchema) },
  { additionalProperties: false },
);

export const SPACE_KINDS = [
  'ethno_museum',
  'workshop',
  'hall',
  'gallery',
  'theater',
  'games',
  'bookstore',
] as const;
export const SpaceKindSchema = literals(SPACE_KINDS);
export type SpaceKind = (typeof SPACE_KINDS)[number];

/** The seller a receipt names: who runs the hub in law. */
export const HubLegalSchema = Type.Object(
  {
    /** the registered name, e.g. ТОО «ÓzgeEpic» / «ÓzgeEpic» ЖШС */
    name: LocalizedTextSchema,
    bin: Type.String({
      pattern: '^[0-9]{12}$',
      description: 'BIN (or an individual entrepreneur’s IIN): 12 digits, the last a check digit',
    }),
    /** the registered address */
    address: LocalizedTextSchema,
    /** registered for VAT */
    vatPayer: Type.Boolean(),
    /** the VAT registration certificate, when the hub has one (only a VAT payer) */
    vatCertificate: Type.Union([
      Type.Object(
        {
          series: Type.String({ pattern: '^[0-9]{1,10}$' }),
          number: Type.String({ pattern: '^[0-9]{1,12}$' }),
        },
        { additionalProperties: false },
      ),
      Type.Null(),
    ]),
  },
  { additionalProperties: false },
);
export type HubLegalDto = Static<typeof HubLegalSchema>;

export const HubSchema = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: LocalizedTextSchema,
  city: LocalizedTextSchema,
  description: LocalizedTextSchema,
  timeZone: Type.String(),
  /** null until the hub's legal details are entered */
  legal: Type.Union([HubLegalSchema, Type.Null()]),
});
export type HubDto = Static<typeof HubSchema>;

export const SpaceSchema = Type.Object({
  id: Uuid,
  hubId: Uuid,
  slug: Type.String(),
  kind: SpaceKindSchema,
  name: LocalizedTextSchema,
  description: LocalizedTextSchema,
  sortOrder: Type.Integer(),
});
export type SpaceDto = Static<typeof SpaceSchema>;

export const HubDetailSchema = Type.Intersect([HubSchema, Type.Object({ spaces: Type.Array(SpaceSchema) })]);
export type HubDetailDto = Static<typeof HubDetailSchema>;

export const CreateHubBody = Type.Object(
  {
    slug: Slug,
    name: LocalizedTextSchema,
    city: LocalizedTextSchema,
    description: Type.Optional(LocalizedTextSchema),
    timeZone: Type.String({ minLength: 1, maxLength: 64 }),
  },
  { additionalProperties: false },
);
export const UpdateHubBody = Type.Object(
  {
    name: Type.Optional(LocalizedTextSchema),
    city: Type.Optional(LocalizedTextSchema),
    description: Type.Optional(LocalizedTextSchema),
    timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    /** the legal details as a whole; null clears them */
    legal: Type.Optional(Type.Union([HubLegalSchema, Type.Null()])),
  },
  { additionalProperties: false },
);
export const UpdateSpaceBody = Type.Object(
  { name: Type.Optional(LocalizedTextSchema), description: Type.Optional(LocalizedTextSchema) },
  { additionalProperties: false },
);

export const StaffMemberSchema = Type.Object({
  userId: Uuid,
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(HubRoleSchema),
});
export type StaffMemberDto = Static<typeof StaffMemberSchema>;
export const SetRolesBody = Type.Object(
  { roles: Type.Array(HubRoleSchema, { minItems: 1, maxItems: HUB_ROLES.length, uniqueItems: true }) },
  { additionalProperties: false },
);

export const InvitationSchema = Type.Object({
  id: Uuid,
  email: Type.String(),
  role: HubRoleSchema,
  invitedAt: Timestamp,
  expiresAt: Timestamp,
  acceptedAt: Type.Union([Timestamp, Type.Null()]),
});
export type InvitationDto = Static<typeof InvitationSchema>;
export const InviteBody = Type.Object({ email: Email, role: HubRoleSchema }, { additionalProperties: false });
export const InvitationInfoSchema = Type.Object({
  hub: HubSchema,
  email: Type.String(),
  role: HubRoleSchema,
  expired: Type.Boolean(),
  accepted: Type.Boolean(),
  hasAccount: Type.Boolean(),
});
export type InvitationInfoDto = Static<typeof InvitationInfoSchema>;
export const AcceptInvitationBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), password: Type.Optional(Password) },
  { additionalProperties: false },
);

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Timestamp,
  hubId: Type.Union([Uuid, Type.Null()]),
  actor: Type.Union([Type.Object({ id: Uuid, email: Type.String(), name: Type.String() }), Type.Null()]),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntryDto = Static<typeof AuditEntrySchema>;
export const AuditPageSchema = Type.Object({
  entries: Type.Array(AuditEntrySchema),
  /** Pass as ?before= to get the next (older) page; null at the end. */
  nextBefore: Type.Union([Type.String(), Type.Null()]),
});
export type AuditPageDto = Static<typeof AuditPageSchema>;
export const AuditQuery = Type.Object(
  {
    before: Type.Optional(Type.String({ pattern: '^[0-9]{1,18}$' })),
    limit: Type.Optional(
      Type.String({ pattern: '^([1-9]|[1-9][0-9]|1[0-9][0-9]|200)$', description: '1–200' }),
    ),
  },
  { additionalProperties: false },
);

export const HubParams = Type.Object({ hub: Type.String({ minLength: 1, maxLength: 64 }) });
export const Nothing = Type.Null({ description: 'No content' });

export type { Static, TSchema };
