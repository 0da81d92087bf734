import { type Static, type TSchema, Type } from 'typebox';
import { OpenObject } from './common.js';

const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';
/** The most items one bulk upsert takes: a whole sales org in one file, small enough for one transaction. */
export const BULK_LIMIT = 5000;

const nullable = <T extends TSchema>(schema: T, options: { title?: string; description?: string } = {}) =>
  Type.Union([schema, Type.Null()], options);
const teamRef = (title: string, description: string) =>
  Type.Optional(nullable(Type.String({ maxLength: 100, 'x-picker': 'team' }), { title, description }));
const repRef = (title: string, description: string) =>
  Type.Optional(nullable(Type.String({ format: 'uuid', 'x-picker': 'rep' }), { title, description }));

const JsonSchemaOf = (entity: string) =>
  Type.Record(Type.String(), Type.Unknown(), { description: `JSON Schema of a ${entity}.` });

const HoursOfDay = Type.Tuple([Type.String({ pattern: HHMM }), Type.String({ pattern: HHMM })]);

const RepFields = {
  name: Type.String({ minLength: 1, maxLength: 200, title: 'Name' }),
  email: Type.String({
    format: 'email',
    maxLength: 320,
    title: 'Email',
    description: 'Unique; bulk upserts match reps by it.',
  }),
  teamId: teamRef('Team', 'The team whose assign nodes route to this rep.'),
  role: Type.Optional(
    nullable(Type.String({ maxLength: 50 }), { title: 'Role', description: 'e.g. SDR, AE, manager.' }),
  ),
  active: Type.Optional(
    Type.Boolean({
      title: 'Active',
      description: 'Inactive reps get no new leads; their leads in flight are reassigned by SLA steps.',
    }),
  ),
  timezone: Type.Optional(
    Type.String({ maxLength: 64, title: 'Time zone', description: 'IANA time zone, e.g. America/New_York.' }),
  ),
  capacity: Type.Optional(
    nullable(Type.Integer({ minimum: 0, maximum: 100_000 }), {
      title: 'Capacity',
      description: 'Most open leads at once; not set: no limit; 0: takes no new leads.',
    }),
  ),
  weight: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      title: 'Weight',
      description: 'Share of leads under weighted round robin.',
    }),
  ),
  workingHours: Type.Optional(
    nullable(
      Type.Object(
        {
          mon: Type.Optional(HoursOfDay),
          tue: Type.Optional(HoursOfDay),
          wed: Type.Optional(HoursOfDay),
          thu: Type.Optional(HoursOfDay),
          fri: Type.Optional(HoursOfDay),
          sat: Type.Optional(HoursOfDay),
          sun: Type.Optional(HoursOfDay),
        },
        { additionalProperties: false },
      ),
      {
        title: 'Working hours',
        description:
          'Weekday → [open, close] in the rep\'s time zone, e.g. { "mon": ["09:00", "17:00"] }; not set: always available.',
      },
    ),
  ),
  outOfOffice: Type.Optional(
    Type.Array(
      Type.Object(
        {
          from: Type.String({ format: 'date-time', title: 'From' }),
          until: Type.String({ format: 'date-time', title: 'Until' }),
          note: Type.Optional(Type.String({ maxLength: 200, title: 'Note' })),
        },
        { additionalProperties: false, title: 'Absence' },
      ),
      { title: 'Out of office', description: 'Periods the rep receives no leads.' },
    ),
  ),
  skills: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 50 }), {
      uniqueItems: true,
      title: 'Skills',
      description: 'Specialisations, e.g. enterprise, healthcare.',
    }),
  ),
  languages: Type.Optional(
    Type.Array(Type.String({ minLength: 2, maxLength: 10 }), {
      uniqueItems: true,
      title: 'Languages',
      description: 'e.g. en, de.',
    }),
  ),
};

export const CreateRepBody = Type.Object(RepFields, {
  additionalProperties: false,
  examples: [{ name: 'Ivy Chen', email: 'ivy.chen@example.com', teamId: 'inbound', timezone: 'America/New_York' }],
});
// Type.Partial drops the object's options: additionalProperties is given again.
export const UpdateRepBody = Type.Partial(Type.Object(RepFields), { additionalProperties: false });
export const RepListQuery = Type.Object(
  {
    team: Type.Optional(Type.String({ maxLength: 100 })),
    includeArchived: Type.Optional(Type.Boolean({ description: 'Also list archived reps.' })),
  },
  { additionalProperties: false },
);

const TeamFields = {
  name: Type.String({ minLength: 1, maxLength: 200, title: 'Name' }),
  managerRepId: repRef('Manager', 'Receives SLA escalations for the team.'),
};
export const CreateTeamBody = Type.Object(
  {
    id: Type.String({
      pattern: SLUG,
      maxLength: 100,
      title: 'Id',
      description: 'Stable id used in assign nodes, e.g. inbound-sdr.',
    }),
    ...TeamFields,
  },
  { additionalProperties: false },
);
export const UpdateTeamBody = Type.Partial(Type.Object(TeamFields), { additionalProperties: false });

const AccountFields = {
  domain: Type.String({
    pattern: '^[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$',
    maxLength: 255,
    title: 'Domain',
    description: 'Leads whose email has this domain belong to the account; bulk upserts match accounts by it.',
  }),
  name: Type.String({ minLength: 1, maxLength: 200, title: 'Name' }),
  ownerRepId: repRef('Owner', 'Gets the account\'s leads under "account owner" routing.'),
};
export const CreateAccountBody = Type.Object(AccountFields, {
  additionalProperties: false,
  examples: [{ domain: 'globex.com', name: 'Globex' }],
});
export const UpdateAccountBody = Type.Partial(Type.Object(AccountFields), { additionalProperties: false });

const TerritoryFields = {
  name: Type.String({ minLength: 1, maxLength: 200, title: 'Name' }),
  priority: Type.Optional(
    Type.Integer({ minimum: 0, maximum: 10000, title: 'Priority', description: 'Lower is checked first.' }),
  ),
  rules: Type.Object(
    {
      countries: Type.Optional(
        Type.Array(Type.String({ minLength: 2, maxLength: 100 }), {
          title: 'Countries',
          description: 'ISO codes or names, e.g. DE, France.',
        }),
      ),
      regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { title: 'Regions / states' })),
      industries: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { title: 'Industries' })),
      minEmployees: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, title: 'Employees at least' })),
      maxEmployees: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, title: 'Employees at most' })),
    },
    {
      additionalProperties: false,
      title: 'Rules',
      description: 'A lead must meet every rule set; an empty rule matches anything.',
    },
  ),
  teamId: teamRef('Team', 'Route matching leads to this team (or set a rep).'),
  repId: repRef('Rep', 'Route matching leads to this rep (or set a team).'),
};
export const TerritoryBody = Type.Object(
  { id: Type.String({ pattern: SLUG, maxLength: 100, title: 'Id' }), ...TerritoryFields },
  {
    additionalProperties: false,
    description: 'Routes to exactly one of teamId and repId (naming both, or neither, is refused with 422).',
  },
);
export const UpdateTerritoryBody = Type.Partial(Type.Object(TerritoryFields), { additionalProperties: false });

/** What the designer's forms are generated from: the very schemas the create routes validate with. */
export const TEAM_MODEL_SCHEMAS = {
  rep: CreateRepBody,
  team: CreateTeamBody,
  territory: TerritoryBody,
  account: CreateAccountBody,
} as const;
export type TeamModelEntity = keyof typeof TEAM_MODEL_SCHEMAS;
export const TeamModelSchemasSchema = OpenObject(
  {
    rep: JsonSchemaOf('rep'),
    team: JsonSchemaOf('team'),
    territory: JsonSchemaOf('territory'),
    account: JsonSchemaOf('account'),
  },
  { description: 'The JSON Schemas the create routes validate with, by kind of row.' },
);

export const BulkQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ description: 'Check the batch and report what it would do; write nothing.' })),
  },
  { additionalProperties: false },
);
const batch = <T extends TSchema>(item: T) => Type.Array(item, { maxItems: BULK_LIMIT });
export const BulkRepsBody = Type.Object({ reps: batch(CreateRepBody) }, { additionalProperties: false });
export const BulkTeamsBody = Type.Object({ teams: batch(CreateTeamBody) }, { additionalProperties: false });
export const BulkTerritoriesBody = Type.Object({ territories: batch(TerritoryBody) }, { additionalProperties: false });
export const BulkAccountsBody = Type.Object({ accounts: batch(CreateAccountBody) }, { additionalProperties: false });

export const BulkResult = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  dryRun: Type.Boolean(),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);
const Time = Type.String({ format: 'date-time' });

export const RepSchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  teamId: NullableString,
  role: NullableString,
  active: Type.Boolean(),
  timezone: Type.String(),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  weight: Type.Integer(),
  workingHours: Type.Union([
    Type.Record(Type.String(), Type.Array(Type.String()), { description: 'Weekday → [open, close].' }),
    Type.Null(),
  ]),
  outOfOffice: Type.Array(
    OpenObject({ from: Type.String(), until: Type.String(), note: Type.Optional(Type.String()) }),
  ),
  skills: Type.Array(Type.String()),
  languages: Type.Array(Type.String()),
  archivedAt: Type.Union([Time, Type.Null()], {
    description: 'When the rep was archived (deleted while history still names them); null: not archived.',
  }),
  createdAt: Time,
  updatedAt: Time,
});

export const TeamSchema = OpenObject({ id: Type.String(), name: Type.String(), managerRepId: NullableString });

export const AccountSchema = OpenObject({
  id: Type.String({ format: 'uuid' }),
  domain: Type.String(),
  name: Type.String(),
  ownerRepId: NullableString,
});

export const TerritorySchema = OpenObject({
  id: Type.String(),
  name: Type.String(),
  priority: Type.Integer(),
  rules: OpenObject({
    countries: Type.Optional(Type.Array(Type.String())),
    regions: Type.Optional(Type.Array(Type.String())),
    industries: Type.Optional(Type.Array(Type.String())),
    minEmployees: Type.Optional(Type.Integer()),
    maxEmployees: Type.Optional(Type.Integer()),
  }),
  teamId: NullableString,
  repId: NullableString,
});

export const DeleteResult = OpenObject({
  outcome: Type.Enum(['deleted', 'archived'], {
    description: 'archived: the rep is still named by leads or history; they are made inactive and hidden instead.',
  }),
});

export type Rep = Static<typeof RepSchema>;
export type Team = Static<typeof TeamSchema>;
export type Account = Static<typeof AccountSchema>;
export type Territory = Static<typeof TerritorySchema>;
export type BulkResult = Static<typeof BulkResult>;
export type DeleteOutcome = Static<typeof DeleteResult>;
