import { describe, expect, it } from 'vitest';
import { childPath, describeRelative, fieldId, isWithin, parentPath, pointerToPath } from './field-path';

describe('field paths', () => {
  it('builds paths as the server writes them', () => {
    expect(childPath('', 'cases')).toBe('cases');
    expect(childPath('cases', 0)).toBe('cases[0]');
    expect(childPath('cases[0]', 'when')).toBe('cases[0].when');
    expect(pointerToPath('/cases/0/when')).toBe('cases[0].when');
    expect(pointerToPath('/headers/a~1b')).toBe('headers.a/b');
    expect(pointerToPath('')).toBe('');
  });

  it('walks up to the config', () => {
    expect(parentPath('cases[0].when')).toBe('cases[0]');
    expect(parentPath('cases[0]')).toBe('cases');
    expect(parentPath('cases')).toBe('');
    expect(parentPath('')).toBeNull();
  });

  it('tells inside from beside', () => {
    expect(isWithin('cases[0].when', 'cases')).toBe(true);
    expect(isWithin('cases[0].when', 'cases[0]')).toBe(true);
    expect(isWithin('cases[10]', 'cases[1]')).toBe(false);
    expect(isWithin('casesX', 'cases')).toBe(false);
    expect(isWithin('anything', '')).toBe(true);
  });

  it('makes readable ids that stay distinct', () => {
    expect(fieldId('n1', 'cases[0].when')).toBe('n1-cases-0__when');
    expect(fieldId('n1', '')).toBe('n1');
    const paths = ['a.b', 'a-b', 'a[0]', 'a-0', 'a_b', 'headers.X-Lead', 'headers.X Lead', 'a.0'];
    const ids = paths.map((path) => fieldId('p', path));
    expect(new Set(ids).size).toBe(paths.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('reads a nested remainder in words', () => {
    expect(describeRelative('[1]')).toBe('item 2');
    expect(describeRelative('[0].from')).toBe('item 1, from');
    expect(describeRelative('extra')).toBe('extra');
  });
});
