import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { schemaValidator } from '../compiler/schema-validator.js';
import { configProblems, issueProblem } from './config-problems.js';
import type { SchemaLike } from './schema-at.js';
import { nodeName, sentence } from './node-words.js';

const branchLike = Type.Object(
  {
    cases: Type.Array(
      Type.Object({ label: Type.Optional(Type.String()), when: Type.String({ minLength: 1, title: 'Condition' }) }),
      {
        title: 'Cases',
        minItems: 1,
      },
    ),
    team: Type.String({ minLength: 1, title: 'Team', 'x-picker': 'team' }),
    channel: Type.Enum(['email', 'slack'], { title: 'Channel' }),
    delayMinutes: Type.Optional(Type.Integer({ minimum: 1, title: 'Delay (minutes)' })),
    accountOwnerId: Type.Optional(Type.String({ format: 'uuid' })),
  },
  { additionalProperties: false },
);

function problems(config: unknown) {
  const validate = schemaValidator(branchLike);
  expect(validate(config)).toBe(false);
  return configProblems(branchLike as unknown as SchemaLike, config, validate.errors);
}

describe('configProblems', () => {
  it('says an empty condition, an unchosen team and a bad number in the fields’ own words', () => {
    const found = problems({
      cases: [{ when: 'tier == 1' }, { when: '' }],
      team: '',
      channel: 'email',
      delayMinutes: 0,
    });
    expect(found).toEqual([
      { path: 'cases[1].when', where: ['case 2'], phrase: 'the condition is empty' },
      { path: 'team', where: [], phrase: 'choose a team' },
      { path: 'delayMinutes', where: [], phrase: 'the delay (minutes) must be at least 1' },
    ]);
  });

  it('names a list item by its label, and a field without a title by its key in words', () => {
    const found = problems({
      cases: [{ label: 'Germany', when: '' }],
      team: 'x',
      channel: 'fax',
      accountOwnerId: 'nope',
      colour: 1,
    });
    expect(found.map((problem) => sentence('Route', problem.where, problem.phrase))).toEqual([
      "Route: 'colour' is not a known setting",
      "Route, case 'Germany': the condition is empty",
      'Route: the channel must be one of: email, slack',
      'Route: the account owner id must be an id',
    ]);
  });

  it('asks for at least one item and for a missing required field', () => {
    const found = problems({ cases: [], channel: 'email' });
    expect(found.map((problem) => problem.phrase)).toEqual(['choose a team', 'add at least one case']);
  });

  it('places a node’s own check at its field', () => {
    expect(
      issueProblem(
        branchLike as unknown as SchemaLike,
        { cases: [{ when: 'x ==' }] },
        { path: 'cases[0].when', message: 'syntax error at the end' },
      ),
    ).toEqual({
      path: 'cases[0].when',
      where: ['case 1', 'condition'],
      phrase: 'syntax error at the end',
    });
  });

  it('never says ajv wording or JSON paths', () => {
    const found = problems({ cases: [{ when: '' }], team: '', channel: 'x', delayMinutes: 'soon', extra: true });
    for (const problem of found) expect(problem.phrase).not.toMatch(/must NOT|fewer than|\[\d\]|instancePath|should/);
  });
});

describe('nodeName', () => {
  it('prefers the label, else the type title and id', () => {
    expect(nodeName({ id: 'assign-2', label: 'Assign DACH' }, 'Assign')).toBe('Assign DACH');
    expect(nodeName({ id: 'route' }, 'Branch')).toBe("Branch 'route'");
    expect(nodeName({ id: 'route', label: '  ' }, 'Branch')).toBe("Branch 'route'");
  });
});
