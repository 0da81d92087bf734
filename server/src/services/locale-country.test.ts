import { describe, expect, it } from 'vitest';
import { localeCountry } from './locale-country.js';

describe('localeCountry', () => {
  it('takes the region of the most preferred tag that has one', () => {
    expect(localeCountry('de-DE,de;q=0.9,en;q=0.8')).toBe('DE');
    expect(localeCountry('de;q=0.9,en-GB;q=0.8')).toBe('GB');
    expect(localeCountry('en-US;q=0.5, fr-CA')).toBe('CA');
  });
  it('names no country for bare languages, numeric regions, wildcards or junk', () => {
    expect(localeCountry('de')).toBeNull();
    expect(localeCountry('es-419')).toBeNull();
    expect(localeCountry('*')).toBeNull();
    expect(localeCountry('not a tag!!')).toBeNull();
    expect(localeCountry(undefined)).toBeNull();
  });
});
