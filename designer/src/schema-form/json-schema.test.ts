import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import {
  chooseVariant,
  discriminatorOf,
  enumOptions,
  fieldKind,
  humanise,
  isHiddenProperty,
  itemNoun,
  type JsonSchema,
  unwrapNullable,
} from './json-schema';
import { defaultFor, summarise } from './schema-defaults';

const s = (schema: unknown): JsonSchema => schema as JsonSchema;
const kindOf = (schema: unknown) => fieldKind(unwrapNullable(s(schema)).schema);

const httpProvider = Type.Object({
  kind: Type.Literal('http'),
  url: Type.String(),
  retries: Type.Optional(Type.Integer()),
});
const builtInProvider = Type.Object({ kind: Type.Literal('builtin'), name: Type.String() });

describe('fieldKind', () => {
  it('picks a control for every shape TypeBox emits', () => {
    expect(kindOf(Type.String())).toBe('string');
    expect(kindOf(Type.String({ 'x-editor': 'expression' }))).toBe('code');
    expect(kindOf(Type.String({ 'x-editor': 'template' }))).toBe('code');
    expect(kindOf(Type.String({ 'x-picker': 'team' }))).toBe('picker');
    expect(kindOf(Type.String({ 'x-picker': 'rep' }))).toBe('picker');
    expect(kindOf(Type.String({ 'x-picker': 'credential', 'x-credential-kinds': ['bearer'] }))).toBe('picker');
    expect(kindOf(Type.String({ 'x-picker': 'lead-field' }))).toBe('lead-field');
    expect(kindOf(Type.Integer({ minimum: 0 }))).toBe('number');
    expect(kindOf(Type.Number())).toBe('number');
    expect(kindOf(Type.Boolean())).toBe('boolean');
    expect(kindOf(Type.Enum(['a', 'b']))).toBe('enum');
    expect(kindOf(Type.Union([Type.Literal('a'), Type.Literal('b')]))).toBe('enum');
    expect(kindOf(Type.Literal('fixed'))).toBe('const');
    expect(kindOf(Type.Object({ a: Type.String() }))).toBe('object');
    expect(kindOf(Type.Record(Type.String(), Type.String()))).toBe('record');
    expect(kindOf(Type.Array(Type.Enum(['mon', 'tue']), { uniqueItems: true }))).toBe('enum-set');
    expect(kindOf(Type.Array(Type.Enum(['mon', 'tue'])))).toBe('list');
    expect(kindOf(Type.Array(Type.String()))).toBe('list');
    expect(kindOf(Type.Array(Type.Integer()))).toBe('list');
    expect(kindOf(Type.Array(Type.Object({ a: Type.String() })))).toBe('array');
    expect(kindOf(Type.Array(Type.Union([httpProvider, builtInProvider])))).toBe('array');
    expect(kindOf(Type.Union([httpProvider, builtInProvider]))).toBe('variant');
    expect(kindOf(Type.Tuple([Type.String(), Type.Number()]))).toBe('json');
    expect(kindOf(Type.Union([Type.String(), Type.Number()]))).toBe('json');
    expect(kindOf(Type.Union([Type.String({ maxLength: 3 }), Type.Null()]))).toBe('string');
  });
});

describe('unwrapNullable', () => {
  it('takes the null off a union and keeps the union title', () => {
    const { schema, nullable } = unwrapNullable(
      s(Type.Union([Type.Integer({ maximum: 5 }), Type.Null()], { title: 'Limit' })),
    );
    expect(nullable).toBe(true);
    expect(schema).toMatchObject({ type: 'integer', maximum: 5, title: 'Limit' });
    expect(unwrapNullable(s({ type: ['string', 'null'] }))).toEqual({ schema: { type: 'string' }, nullable: true });
    expect(unwrapNullable(s(Type.String())).nullable).toBe(false);
  });
});

describe('labels', () => {
  it('humanises property names', () => {
    expect(humanise('requireSkills')).toBe('Require skills');
    expect(humanise('reengage_on')).toBe('Reengage on');
    expect(humanise('mqlThreshold')).toBe('Mql threshold');
  });

  it('names one item of an array', () => {
    expect(itemNoun(s(Type.Array(Type.Object({}), { title: 'Cases' })))).toBe('Case');
    expect(itemNoun(s(Type.Array(Type.Object({}), { title: 'Fit rules' })))).toBe('Fit rule');
    expect(itemNoun(s(Type.Array(Type.Object({}), { title: 'Providers, in order' })))).toBe('Item');
    expect(itemNoun(s(Type.Array(Type.Object({}, { title: 'Rule' }), { title: 'Cases' })))).toBe('Rule');
    expect(itemNoun(s(Type.Array(Type.Object({}), { title: 'Address' })))).toBe('Item');
  });

  it('reads the options of enums and of literal unions, with titles', () => {
    expect(enumOptions(s(Type.Enum(['x', 'y'])))).toEqual([
      { value: 'x', label: 'x' },
      { value: 'y', label: 'y' },
    ]);
    expect(enumOptions(s(Type.Union([Type.Literal(1, { title: 'One' }), Type.Literal(2)])))).toEqual([
      { value: 1, label: 'One' },
      { value: 2, label: '2' },
    ]);
    expect(enumOptions(s(Type.String()))).toBeNull();
  });
});

describe('unions of objects', () => {
  const variants = [s(builtInProvider), s(httpProvider)];

  it('finds the discriminator and the variant a value is', () => {
    expect(discriminatorOf(variants)).toBe('kind');
    expect(chooseVariant(variants, { kind: 'http', url: 'x' })).toBe(1);
    expect(chooseVariant(variants, { kind: 'builtin' })).toBe(0);
    expect(discriminatorOf([s(Type.Object({ a: Type.String() })), s(Type.Object({ b: Type.String() }))])).toBeNull();
    expect(
      chooseVariant([s(Type.Object({ a: Type.String() })), s(Type.Object({ b: Type.String() }))], { b: 'y' }),
    ).toBe(1);
  });
});

describe('defaultFor', () => {
  it('fills required properties only, with the smallest valid values', () => {
    const schema = s(
      Type.Object({
        port: Type.String(),
        percent: Type.Integer({ minimum: 5, maximum: 100 }),
        on: Type.Boolean(),
        mode: Type.Enum(['first', 'all']),
        tags: Type.Array(Type.String()),
        label: Type.Optional(Type.String()),
        owner: Type.Union([Type.String(), Type.Null()]),
        kind: Type.Literal('http'),
        colour: Type.String({ default: 'blue' }),
      }),
    );
    expect(defaultFor(schema)).toEqual({
      port: '',
      percent: 5,
      on: false,
      mode: 'first',
      tags: [],
      owner: null,
      kind: 'http',
      colour: 'blue',
    });
    expect(defaultFor(s(Type.Union([httpProvider, builtInProvider])))).toEqual({ kind: 'http', url: '' });
  });
});

describe('summarise', () => {
  it('leads with label-like properties and skips empty ones', () => {
    const rule = s(
      Type.Object({
        when: Type.String(),
        port: Type.String(),
        label: Type.Optional(Type.String()),
        points: Type.Integer(),
      }),
    );
    expect(summarise(rule, { when: 'tier == 1', port: 'hot', points: 10 })).toBe('hot · tier == 1 · 10');
    expect(summarise(rule, { when: 'tier == 1', port: 'hot', label: 'Hot leads', points: 10 })).toBe(
      'Hot leads · hot · tier == 1',
    );
    expect(summarise(rule, { when: 'x'.repeat(200), port: 'p', points: 1 })).toHaveLength(80);
  });

  it('never shows a secret or a credential id', () => {
    const provider = s(
      Type.Object({
        kind: Type.String(),
        credential: Type.String({ 'x-picker': 'credential' }),
        authHeader: Type.String({ 'x-secret': true }),
        url: Type.String(),
      }),
    );
    expect(
      summarise(provider, {
        kind: 'http',
        credential: '2f0c…',
        authHeader: 'Authorization: Bearer sk_live',
        url: 'https://v.example',
      }),
    ).toBe('http · https://v.example');
  });
});

describe('isHiddenProperty', () => {
  it('hides a deprecated field that holds nothing', () => {
    expect(isHiddenProperty(s({ type: 'string', deprecated: true }), undefined)).toBe(true);
    expect(isHiddenProperty(s({ type: 'string', deprecated: true }), '')).toBe(true);
    expect(isHiddenProperty(s({ type: 'string', deprecated: true }), 'https://old.example')).toBe(false);
    expect(isHiddenProperty(s({ type: 'string', 'x-secret': true }), undefined)).toBe(false);
  });
});
