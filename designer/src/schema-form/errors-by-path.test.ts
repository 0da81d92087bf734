import { describe, expect, it } from 'vitest';
import { countErrorsWithin, errorsByPath, serverErrorsForNode } from './errors-by-path';

describe('errorsByPath', () => {
  it('groups messages by path, each message once', () => {
    const map = errorsByPath([
      { path: 'cases[0].when', message: "unknown field 'tierr'" },
      { path: 'cases[0].when', message: "unknown field 'tierr'" },
      { path: 'cases[0].when', message: 'must NOT have more than 1000 characters' },
      { path: 'team', message: 'is required' },
    ]);
    expect(map.get('cases[0].when')).toEqual(["unknown field 'tierr'", 'must NOT have more than 1000 characters']);
    expect(map.get('team')).toEqual(['is required']);
    expect(map.size).toBe(2);
  });

  it('moves an error on a path without a field to the nearest field above it, saying where it points', () => {
    const known = new Set(['', 'requireSkills', 'cases', 'cases[0]', 'cases[0].when']);
    const map = errorsByPath(
      [
        { path: 'requireSkills[1]', message: 'must NOT have fewer than 1 characters' },
        { path: 'cases[0].extra', message: 'is not a known field' },
        { path: 'colour', message: 'is not a known field' },
        { path: 'cases[0].when', message: 'is required' },
      ],
      known,
    );
    expect(map.get('requireSkills')).toEqual(['item 2: must NOT have fewer than 1 characters']);
    expect(map.get('cases[0]')).toEqual(['extra: is not a known field']);
    expect(map.get('')).toEqual(['colour: is not a known field']);
    expect(map.get('cases[0].when')).toEqual(['is required']);
  });
});

describe('countErrorsWithin', () => {
  it('counts the messages on a path and inside it, not on its neighbours', () => {
    const map = errorsByPath([
      { path: 'cases[1]', message: 'a' },
      { path: 'cases[1].when', message: 'b' },
      { path: 'cases[1].port', message: 'c' },
      { path: 'cases[10].port', message: 'd' },
      { path: 'cases', message: 'e' },
    ]);
    expect(countErrorsWithin(map, 'cases[1]')).toBe(3);
    expect(countErrorsWithin(map, 'cases')).toBe(5);
    expect(countErrorsWithin(map, '')).toBe(5);
  });
});

describe('serverErrorsForNode', () => {
  it("keeps this node's config errors, relative to the config", () => {
    const errors = serverErrorsForNode(
      [
        { nodeId: 'b1', path: 'config.cases[0].when', message: "unknown field 'tierr'" },
        { nodeId: 'b1', path: 'config', message: 'must be object' },
        { nodeId: 'b1', path: 'typeVersion', message: 'node type branch has no version 9' },
        { nodeId: 'b2', path: 'config.cases', message: 'other node' },
        { edgeId: 'e1', path: 'target', message: 'an edge' },
        { nodeId: 'b1', path: 'configuration', message: 'not the config' },
      ],
      'b1',
    );
    expect(errors).toEqual([
      { path: 'cases[0].when', message: "unknown field 'tierr'" },
      { path: '', message: 'must be object' },
    ]);
  });
});
