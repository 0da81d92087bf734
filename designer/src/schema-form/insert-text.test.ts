import { describe, expect, it } from 'vitest';
import { insertAt, insertionFor } from './insert-text';
import { navigate, typeahead } from './menu-keys';

describe('inserting a lead field', () => {
  const score = { name: 'score', type: 'number' };
  const custom = { name: 'custom', type: 'object' };

  it('writes a field name in an expression and a placeholder in a template', () => {
    expect(insertionFor('expression', score)).toEqual({ text: 'score', caret: 5 });
    expect(insertionFor('template', score)).toEqual({ text: '{{score}}', caret: 9 });
  });

  it('leaves the caret after the prefix of an object field, for its key', () => {
    expect(insertionFor('expression', custom)).toEqual({ text: 'custom.', caret: 7 });
    expect(insertionFor('template', custom)).toEqual({ text: '{{custom.}}', caret: 9 });
  });

  it('replaces the selection and puts the caret after the insertion', () => {
    expect(insertAt('tier == 1 and  >= 80', 14, 14, insertionFor('expression', score))).toEqual({
      value: 'tier == 1 and score >= 80',
      caret: 19,
    });
    expect(insertAt('Hi NAME!', 3, 7, insertionFor('template', { name: 'fullName', type: 'string' }))).toEqual({
      value: 'Hi {{fullName}}!',
      caret: 15,
    });
    expect(insertAt('ab', 10, 12, { text: 'x', caret: 1 })).toEqual({ value: 'abx', caret: 3 });
  });
});

describe('menu keys', () => {
  it('moves with the arrows, wrapping, and jumps to the ends', () => {
    expect(navigate('ArrowDown', 2, 3)).toBe(0);
    expect(navigate('ArrowUp', 0, 3)).toBe(2);
    expect(navigate('End', 0, 3)).toBe(2);
    expect(navigate('Home', 2, 3)).toBe(0);
    expect(navigate('a', 0, 3)).toBeNull();
    expect(navigate('ArrowDown', 0, 0)).toBeNull();
  });

  it('finds the next field starting with what was typed', () => {
    const names = ['company', 'country', 'score', 'source', 'status'];
    expect(typeahead(names, 0, 's')).toBe(2);
    expect(typeahead(names, 3, 's')).toBe(3);
    expect(typeahead(names, 3, 'sc')).toBe(2);
    expect(typeahead(names, 0, 'COU')).toBe(1);
    expect(typeahead(names, 0, 'x')).toBeNull();
  });
});
