import { Type } from 'typebox';

const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

const RepFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ format: 'email', maxLength: 320 }),
  teamId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
  timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone, e.g. America/New_York.' })),
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Share of leads under weighted round robin.' })),
  workingHours: Type.Optional(
    Type.Union([
      Type.Record(Type.Enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']), Type.Tuple([Type.String({ pattern: HHMM }), Type.String({ pattern: HHMM })]), {
        description: 'Weekday → [open, close] in the rep\'s time zone, e.g. { "mon": ["09:00", "17:00"] }; null: always available.',
      }),
      Type.Null(),
    ]),
  ),
  outOfOffice: Type.Optional(
    Type.Array(Type.Object({ from: Type.String({ format: 'date-time' }), until: Type.String({ format: 'date-time' }), note: Type.Optional(Type.String({ maxLength: 200 })) }, { additionalProperties: false }), {
      description: 'Periods the rep receives no leads.',
    }),
  ),
  skills: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { uniqueItems: true, description: 'Specialisations, e.g. enterprise, healthcare.' })),
  languages: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 10 }), { uniqueItems: true })),
};

export const CreateRepBody = Type.Object(RepFields, { additionalProperties: false });
export const UpdateRepBody = Type.Partial(Type.Object(RepFields, { additionalProperties: false }));
export const RepListQuery = Type.Object({ team: Type.Optional(Type.String()) }, { additionalProperties: false });

export const CreateTeamBody = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100, description: 'Stable id used in assign nodes, e.g. inbound-sdr.' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    managerRepId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const UpdateTeamBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), managerRepId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])) },
  { additionalProperties: false },
);

export const CreateAccountBody = Type.Object(
  {
    domain: Type.String({ pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$', maxLength: 255 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    ownerRepId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const TerritoryBody = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 10000, description: 'Lower is checked first.' })),
    rules: Type.Object(
      {
        countries: Type.Optional(Type.Array(Type.String({ minLength: 2, maxLength: 100 }))),
        regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }))),
        industries: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }))),
        minEmployees: Type.Optional(Type.Integer({ minimum: 0 })),
        maxEmployees: Type.Optional(Type.Integer({ minimum: 0 })),
      },
      { additionalProperties: false },
    ),
    teamId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    repId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
  },
  { additionalProperties: false },
);
