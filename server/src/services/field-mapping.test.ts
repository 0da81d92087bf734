import { describe, expect, it } from 'vitest';
import { explainMapped, mappingProblems, mapPayload, readPointer } from './field-mapping.js';

const payload = {
  contact: { email: 'jo@acme.io', 'first/name': 'Jo', phone: 4155550100 },
  meta: { campaign: 'spring', budget: { usd: 5000 } },
  list: ['a', 'b'],
};

describe('webhook field mapping', () => {
  it('reads JSON pointers, escapes included, and misses cleanly', () => {
    expect(readPointer(payload, '/contact/first~1name')).toBe('Jo');
    expect(readPointer(payload, '/list/1')).toBe('b');
    expect(readPointer(payload, '/contact/missing/deeper')).toBeUndefined();
    expect(readPointer(payload, '/constructor')).toBeUndefined();
  });

  it('fills lead, utm and custom fields, turning numbers into text for text fields only', () => {
    const mapping = {
      email: '/contact/email',
      firstName: '/contact/first~1name',
      phone: '/contact/phone',
      'utm.campaign': '/meta/campaign',
      'custom.budget': '/meta/budget',
      company: '/nope',
    };
    const { lead, from } = mapPayload(payload, mapping);
    expect(lead).toEqual({
      email: 'jo@acme.io',
      firstName: 'Jo',
      phone: '4155550100',
      utm: { campaign: 'spring' },
      custom: { budget: { usd: 5000 } },
    });
    expect(from).not.toHaveProperty('company');
    expect(
      explainMapped(
        [
          { path: 'company', message: 'is required' },
          { path: 'title', message: 'x' },
        ],
        from,
        mapping,
      ),
    ).toEqual([
      { path: 'company', message: 'is required (mapped from /nope)' },
      { path: 'title', message: 'x' },
    ]);
  });

  it('names each bad mapping entry', () => {
    expect(mappingProblems({ email: 'contact.email', shoeSize: '/x', 'custom.ok': '/y', 'utm.medium': '/z' })).toEqual([
      { path: 'fieldMapping.email', message: expect.stringMatching(/JSON pointer/) },
      { path: 'fieldMapping.shoeSize', message: expect.stringMatching(/not a lead field/) },
    ]);
  });
});
