import { Type } from 'typebox';

const RepFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  email: Type.String({ format: 'email', maxLength: 320 }),
  teamId: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
  active: Type.Optional(Type.Boolean()),
  timezone: Type.Optional(Type.String({ maxLength: 64, description: 'IANA time zone, e.g. America/New_York.' })),
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 0 }), Type.Null()])),
  weight: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
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
