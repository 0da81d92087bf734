import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema';
import { validateConfig } from './validate-config';

const asSchema = (schema: unknown): JsonSchema => schema as JsonSchema;

const branchLike = asSchema(
  Type.Object(
    {
      cases: Type.Array(
        Type.Object(
          {
            port: Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 }),
            label: Type.Optional(Type.String({ maxLength: 100 })),
            when: Type.String({ minLength: 1, maxLength: 1000, 'x-editor': 'expression' }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 50 },
      ),
      mode: Type.Enum(['first', 'all']),
      pick: Type.Optional(Type.Union([Type.Literal('a'), Type.Literal('b')])),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
      at: Type.Optional(Type.String({ format: 'date-time' })),
    },
    { additionalProperties: false },
  ),
);

describe('validateConfig', () => {
  it('accepts a valid config, annotations and all', () => {
    expect(
      validateConfig(branchLike, {
        cases: [{ port: 'hot', when: 'tier == 1' }],
        mode: 'first',
        pick: 'b',
        limit: 3,
        at: '2025-03-01T09:00:00Z',
      }),
    ).toEqual([]);
  });

  it('names nested fields in the server path format, with messages in the server’s words', () => {
    const errors = validateConfig(branchLike, {
      cases: [
        { port: 'hot', when: 'x' },
        { port: 'Bad Port', when: '' },
      ],
      mode: 'first',
    });
    expect(errors).toEqual([
      { path: 'cases[1].port', message: 'the port is not in the expected form' },
      { path: 'cases[1].when', message: 'the when is empty' },
    ]);
  });

  it('puts missing and unknown properties on the property, as the server does', () => {
    const errors = validateConfig(branchLike, { cases: [{ port: 'a', extra: 1 }], colour: 'red' });
    expect(errors).toContainEqual({ path: 'mode', message: 'the mode is missing' });
    expect(errors).toContainEqual({ path: 'cases[0].when', message: 'the when is missing' });
    expect(errors).toContainEqual({ path: 'cases[0].extra', message: "'extra' is not a known setting" });
    expect(errors).toContainEqual({ path: 'colour', message: "'colour' is not a known setting" });
  });

  it('lists the allowed values of an enum and of a union of literals in one line', () => {
    const errors = validateConfig(branchLike, { cases: [], mode: 'some', pick: 'c' });
    expect(errors).toEqual([
      { path: 'mode', message: 'the mode must be one of: first, all' },
      { path: 'pick', message: 'the pick must be one of: a, b' },
    ]);
  });

  it('checks integer bounds and formats', () => {
    expect(validateConfig(branchLike, { cases: [], mode: 'all', limit: 11, at: 'next tuesday' })).toEqual([
      { path: 'limit', message: 'the limit must be at most 10' },
      { path: 'at', message: 'the at must be a date and time' },
    ]);
    expect(validateConfig(branchLike, { cases: [], mode: 'all', limit: 2.5 })).toEqual([
      { path: 'limit', message: 'the limit must be a whole number' },
    ]);
  });

  it('reports a discriminated union only against the variant the value names', () => {
    const providers = asSchema(
      Type.Object({
        providers: Type.Array(
          Type.Union([
            Type.Object(
              { kind: Type.Literal('builtin'), name: Type.Enum(['email_type', 'company_domain']) },
              { additionalProperties: false },
            ),
            Type.Object(
              {
                kind: Type.Literal('http'),
                url: Type.String({ format: 'uri' }),
                retries: Type.Integer({ maximum: 3 }),
              },
              { additionalProperties: false },
            ),
          ]),
        ),
      }),
    );
    const errors = validateConfig(providers, {
      providers: [
        { kind: 'builtin', name: 'email_type' },
        { kind: 'http', url: 'not a url', retries: 9 },
      ],
    });
    expect(errors).toEqual([
      { path: 'providers[1].url', message: 'the url must be a web address (https://…)' },
      { path: 'providers[1].retries', message: 'the retries must be at most 3' },
    ]);
    expect(validateConfig(providers, { providers: [{ kind: 'ftp' }] })).toEqual([
      { path: 'providers[0].kind', message: 'the kind must be one of: builtin, http' },
    ]);
  });

  it('says what a nullable field may be, and checks its value when it has one', () => {
    const schema = asSchema(Type.Object({ owner: Type.Union([Type.String({ maxLength: 3 }), Type.Null()]) }));
    expect(validateConfig(schema, { owner: null })).toEqual([]);
    expect(validateConfig(schema, { owner: 'abcd' })).toEqual([
      { path: 'owner', message: 'the owner is too long (at most 3 characters)' },
    ]);
    expect(validateConfig(schema, { owner: 7 })).toEqual([
      { path: 'owner', message: 'the owner must be text or empty' },
    ]);
  });

  it('validates TypeBox tuples, which a draft 2020 validator could not compile', () => {
    const schema = asSchema(Type.Object({ range: Type.Tuple([Type.Integer(), Type.Integer()]) }));
    expect(validateConfig(schema, { range: [1, 2] })).toEqual([]);
    expect(validateConfig(schema, { range: [1, 'x'] })).toEqual([
      { path: 'range[1]', message: 'range 2 must be a whole number' },
    ]);
  });

  it('reports a schema it cannot compile on the config instead of throwing', () => {
    const errors = validateConfig({ type: 'string', pattern: '([' }, 'x');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('');
    expect(errors[0]?.message).toMatch(/cannot be checked here/);
  });
});
