import { describe, expect, it } from 'vitest';
import { publishState } from './publish-state';

describe('publishState', () => {
  const ready = { readOnly: false, saveState: 'saved' as const, problemCount: 0, unchanged: false };
  it('is enabled for a saved draft without problems that differs from the live version', () => {
    expect(publishState(ready)).toEqual({ enabled: true, hint: null });
  });
  it('says why it is disabled', () => {
    expect(publishState({ ...ready, unchanged: true }).hint).toBe('Nothing to publish: the draft is the live version');
    expect(publishState({ ...ready, problemCount: 2 }).hint).toBe('Fix 2 problems first');
    expect(publishState({ ...ready, saveState: 'saving' }).enabled).toBe(false);
  });
});
