import { type Static, Type } from 'typebox';

/** Who a token acts as (see plugins/route-access.ts for what each may call). */
export const ROLES = ['admin', 'editor', 'viewer', 'rep', 'capture'] as const;
export type Role = (typeof ROLES)[number];

const RoleSchema = Type.Enum([...ROLES], {
  description: 'admin, editor (RevOps), viewer (ops), rep (own leads and inbox) or capture (intake only).',
});
const NullableUuid = Type.Union([Type.String({ format: 'uuid' }), Type.Null()]);
const NullableTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

export const MeSchema = Type.Object({
  tokenId: NullableUuid,
  name: Type.String(),
  role: RoleSchema,
  repId: NullableUuid,
});

export const CreateTokenBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Who or what holds the token, e.g. "Dana (RevOps)" or "website form". Audit rows name it.',
    }),
    role: RoleSchema,
    repId: Type.Optional(
      Type.Union([
        Type.String({ format: 'uuid', description: 'Required for role rep: the rep the token acts for.' }),
        Type.Null(),
      ]),
    ),
    expiresAt: Type.Optional(
      Type.Union(
        [
          Type.String({
            format: 'date-time',
            description: 'From this time on the token is refused (401 saying it expired). Must be in the future.',
          }),
          Type.Null(),
        ],
        { description: 'Absent or null: the token never expires (revoke it when it is no longer needed).' },
      ),
    ),
  },
  { additionalProperties: false },
);

export const TokenSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  role: RoleSchema,
  repId: NullableUuid,
  prefix: Type.String({ description: "The secret's first characters, to tell tokens apart." }),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([
    Type.String({ format: 'date-time', description: 'Updated at most once a minute.' }),
    Type.Null(),
  ]),
  revokedAt: NullableTime,
  expiresAt: Type.Union([Type.String({ format: 'date-time', description: 'Refused from then on.' }), Type.Null()], {
    description: 'Null: never expires.',
  }),
});

export const CreatedTokenSchema = Type.Intersect([
  TokenSchema,
  Type.Object({ token: Type.String({ description: 'The secret: shown this once, stored only as a hash.' }) }),
]);

export const AuditQuery = Type.Object(
  {
    subjectType: Type.Optional(
      Type.String({ maxLength: 50, description: 'workflow, rep, team, territory, account or token.' }),
    ),
    subjectId: Type.Optional(Type.String({ maxLength: 200 })),
    actor: Type.Optional(
      Type.String({ maxLength: 100, description: 'Token name, `admin` (bootstrap token) or `seed`.' }),
    ),
    action: Type.Optional(Type.String({ maxLength: 100, description: 'e.g. workflow.published.' })),
    since: Type.Optional(Type.String({ format: 'date-time', maxLength: 40 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', maxLength: 15, description: 'nextCursor of the previous page.' }),
    ),
  },
  { additionalProperties: false },
);

export const AuditEntrySchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  actorTokenId: NullableUuid,
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  detail: Type.Record(Type.String(), Type.Unknown()),
});

export type Principal = Static<typeof MeSchema>;
export type ApiToken = Static<typeof TokenSchema>;
export type AuditEntry = Static<typeof AuditEntrySchema>;
