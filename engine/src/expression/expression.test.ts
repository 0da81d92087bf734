import { describe, expect, it } from 'vitest';
import { checkCondition, checkExpression } from './check-expression.js';
import { evaluateExpression } from './evaluate-expression.js';

const lead = {
  tier: 1,
  score: 72,
  country: 'US',
  title: 'VP Sales',
  isFreeEmail: false,
  events: { contacted: 2 },
  custom: { budget: 5000 },
  ownerId: null,
};

describe('checkExpression', () => {
  it('accepts a well-typed condition', () => {
    expect(checkCondition('tier == 1 and score >= 60 && country in ["US", "CA"]')).toEqual([]);
  });
  it('reports a syntax error with its position', () => {
    const errors = checkCondition('tier == (1');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^syntax error: .*character \d+/);
  });
  it('names an unknown field', () => {
    expect(checkCondition('tierr == 1')[0]).toMatch(/unknown field 'tierr'/);
  });
  it('refuses comparing a number field with a string', () => {
    expect(checkCondition('score > "high"')[0]).toMatch(/cannot order number and string/);
    expect(checkCondition('tier == "one"')[0]).toMatch(/cannot compare number with string/);
  });
  it('refuses a non-boolean condition', () => {
    expect(checkCondition('score + 1')[0]).toMatch(/must be true or false/);
  });
  it('refuses unknown functions and member calls', () => {
    expect(checkCondition('eval("1")')[0]).toMatch(/unknown function 'eval'/);
    expect(checkExpression('title.constructor("x")').errors.length).toBeGreaterThan(0);
    expect(checkExpression('custom["x"]').errors[0]).toMatch(/only field.name access/);
  });
  it('checks function argument types', () => {
    expect(checkCondition('contains(score, "x")')[0]).toMatch(/argument 1 of contains\(\) must be a string/);
  });
});

describe('evaluateExpression', () => {
  it('evaluates comparisons, logic and lists', () => {
    expect(evaluateExpression('tier == 1 and score >= 60', lead)).toBe(true);
    expect(evaluateExpression('country in ["DE", "FR"]', lead)).toBe(false);
    expect(evaluateExpression('country in ["us"]', lead)).toBe(true);
  });
  it('reads events and custom fields, absent ones safely', () => {
    expect(evaluateExpression('events.contacted > 1', lead)).toBe(true);
    expect(evaluateExpression('events.replied == 0', lead)).toBe(true);
    expect(evaluateExpression('custom.budget >= 1000', lead)).toBe(true);
    expect(evaluateExpression('custom.missing > 1', lead)).toBe(false);
  });
  it('treats missing values as neither bigger nor smaller', () => {
    expect(evaluateExpression('employees > 10', lead)).toBe(false);
    expect(evaluateExpression('employees < 10', lead)).toBe(false);
    expect(evaluateExpression('ownerId == null', lead)).toBe(true);
  });
  it('calls only whitelisted functions', () => {
    expect(evaluateExpression('contains(title, "vp")', lead)).toBe(true);
    expect(() => evaluateExpression('process.exit(1)', lead)).toThrow();
  });
});
