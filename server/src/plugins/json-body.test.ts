import { describe, expect, it } from 'vitest';
import { prototypeKeyPath } from './json-body.js';

describe('prototypeKeyPath', () => {
  it('finds __proto__ and constructor.prototype at any depth, by path', () => {
    expect(prototypeKeyPath(JSON.parse('{"custom":{"__proto__":{"admin":true}}}'))).toBe('custom.__proto__');
    expect(prototypeKeyPath(JSON.parse('{"nodes":[{"config":{}},{"config":{"constructor":{"prototype":{}}}}]}'))).toBe(
      'nodes[1].config.constructor',
    );
  });

  it('leaves everything else alone, a field named constructor without prototype included', () => {
    expect(prototypeKeyPath({ constructor: 'Acme Builders', proto: 1, list: [{ a: null }] })).toBeNull();
    expect(prototypeKeyPath('text')).toBeNull();
  });
});
