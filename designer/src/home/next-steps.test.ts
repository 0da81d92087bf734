import { describe, expect, it } from 'vitest';
import { nextSteps } from './next-steps';

describe('nextSteps', () => {
  it('ticks what exists and leaves the rest open', () => {
    const empty = nextSteps({ reps: 0, workflows: 0, published: 0, leads: 0 }, null);
    expect(empty.filter((step) => step.done)).toEqual([]);
    const started = nextSteps({ reps: 5, workflows: 1, published: 0, leads: 0 }, 'demo');
    expect(started.map((step) => step.done)).toEqual([true, true, false, false, false]);
    expect(started.find((step) => step.id === 'publish')?.link.to).toBe('/workflows/demo');
  });
});
