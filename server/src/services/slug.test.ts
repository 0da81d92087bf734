import { describe, expect, it } from 'vitest';
import { slugify } from './slug.js';

describe('slugify', () => {
  it('makes a URL-safe slug from a name', () => {
    expect(slugify('Inbound demo request!')).toBe('inbound-demo-request');
    expect(slugify('  Équipe  EMEA / Mid-market ')).toBe('equipe-emea-mid-market');
    expect(slugify('!!!')).toBe('workflow');
  });
});
