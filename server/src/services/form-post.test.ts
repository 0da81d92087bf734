import { describe, expect, it } from 'vitest';
import { readFormPost } from './form-post.js';

describe('reading a form post', () => {
  it('sorts flat fields into lead fields, utm and custom, skipping blanks and the empty honeypot', () => {
    const post = readFormPost(
      { email: 'a@b.io', name: 'Ann', phone: '', website: '', utm_source: 'ads', teamSize: '11-50' },
      'website',
    );
    expect(post).toEqual({
      honeypot: false,
      lead: { email: 'a@b.io', name: 'Ann', utm: { source: 'ads' }, custom: { teamSize: '11-50' } },
      problems: [],
    });
  });

  it('takes JSON utm and custom objects too', () => {
    const post = readFormPost({ email: 'a@b.io', utm: { campaign: 'x' }, custom: { plan: 'pro' } }, 'website');
    expect(post).toMatchObject({ lead: { utm: { campaign: 'x' }, custom: { plan: 'pro' } }, problems: [] });
  });

  it('treats a filled honeypot as a bot whatever else is wrong', () => {
    expect(readFormPost({ email: 'x', website: 'http://spam', workflow: 'other' }, 'website')).toEqual({
      honeypot: true,
    });
  });

  it('names fields the page may not set, repeated fields and bad names', () => {
    const post = readFormPost({ email: 'a@b.io', workflow: 'other', name: ['a', 'b'], 'bad name': 'x' }, 'website');
    expect(post.honeypot === false && post.problems.map((p) => p.path)).toEqual(['workflow', 'name', 'bad name']);
  });
});
