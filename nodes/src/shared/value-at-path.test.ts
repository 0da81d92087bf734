import { describe, expect, it } from 'vitest';
import { VALUE_PATH_PATTERN, valueAtPath } from './value-at-path.js';

const answer = JSON.parse(
  '{"name":"Acme","metrics":{"employees":250,"raised":null},"emails":[{"value":"a@acme.com"}],"__proto__":{"x":1}}',
) as unknown;

describe('valueAtPath', () => {
  it('reads nested keys and array indexes', () => {
    expect(valueAtPath(answer, 'name')).toBe('Acme');
    expect(valueAtPath(answer, 'metrics.employees')).toBe(250);
    expect(valueAtPath(answer, 'metrics.raised')).toBeNull();
    expect(valueAtPath(answer, 'emails.0.value')).toBe('a@acme.com');
  });
  it('finds nothing past a missing step or a scalar', () => {
    expect(valueAtPath(answer, 'geo.country')).toBeUndefined();
    expect(valueAtPath(answer, 'name.length')).toBeUndefined();
    expect(valueAtPath('text', 'length')).toBeUndefined();
  });
  it('never reads inherited properties', () => {
    expect(valueAtPath({}, 'constructor')).toBeUndefined();
    expect(valueAtPath({}, 'toString')).toBeUndefined();
    expect(valueAtPath(answer, '__proto__.x')).toBe(1); // an own key from JSON, not the prototype
    expect(valueAtPath({ a: {} }, 'a.__proto__')).toBeUndefined();
  });
  it('has a pattern for config paths', () => {
    const pattern = new RegExp(VALUE_PATH_PATTERN);
    expect(pattern.test('category.industry')).toBe(true);
    expect(pattern.test('emails.0.value')).toBe(true);
    expect(pattern.test('a..b')).toBe(false);
    expect(pattern.test('.a')).toBe(false);
  });
});
