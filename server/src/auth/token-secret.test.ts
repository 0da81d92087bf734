import { describe, expect, it } from 'vitest';
import { hashToken, looksIssued, newTokenSecret } from './token-secret.js';

describe('token secrets', () => {
  it('are lf_<role>_<32 random characters>, stored as their sha-256', () => {
    const secret = newTokenSecret('editor');
    expect(secret.token).toMatch(/^lf_editor_[A-Za-z0-9_-]{32}$/);
    expect(secret.hash).toEqual(hashToken(secret.token));
    expect(secret.hash).toHaveLength(32);
    expect(secret.hash.toString('hex')).not.toContain(Buffer.from(secret.token).toString('hex'));
  });

  it('keep only the role and six random characters in the display prefix', () => {
    const secret = newTokenSecret('rep');
    expect(secret.prefix).toBe(secret.token.slice(0, 'lf_rep_'.length + 6));
    expect(secret.token.startsWith(secret.prefix)).toBe(true);
  });

  it('differ every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newTokenSecret('capture').token));
    expect(tokens.size).toBe(100);
  });

  it('tell issued tokens from anything else', () => {
    expect(looksIssued(newTokenSecret('viewer').token)).toBe(true);
    expect(looksIssued('lf_owner_abcdefabcdefabcdefabcdefabcdefab')).toBe(false);
    expect(looksIssued('lf_viewer_short')).toBe(false);
    expect(looksIssued('Bearer lf_viewer_abcdefabcdefabcdefabcdefabcdefab')).toBe(false);
  });
});
