import { describe, expect, it } from 'vitest';
import { avalanche32, fnv1a32 } from './fnv1a.js';

/** The straightforward definition, for comparison: hash the bytes TextEncoder gives. */
function reference(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('hashes the UTF-8 bytes of non-ASCII text', () => {
    for (const text of ['café', 'Zürich', '東京', 'lead-😀', 'ß'.repeat(40)])
      expect(fnv1a32(text)).toBe(reference(text));
  });
  it('returns an unsigned 32-bit integer', () => {
    for (const text of ['x', 'lead-1', '00000000-0000-4000-8000-000000000000']) {
      const hash = fnv1a32(text);
      expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 32).toBe(true);
    }
  });
});

describe('avalanche32', () => {
  it('is MurmurHash3 fmix32', () => {
    expect(avalanche32(0)).toBe(0);
    expect(avalanche32(1)).toBe(0x514e28b7);
    expect(avalanche32(0xffffffff)).toBe(0x81f16f39);
  });
});
