import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso } from './date-time';

describe('date-time fields', () => {
  it('round-trips an instant through the local input format, to the minute', () => {
    const iso = '2025-03-01T08:30:00.000Z';
    const local = isoToLocalInput(iso);
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(localInputToIso(local)).toBe(iso);
  });

  it('leaves text that is no date alone', () => {
    expect(isoToLocalInput('soon')).toBe('soon');
    expect(localInputToIso('')).toBe('');
  });
});
