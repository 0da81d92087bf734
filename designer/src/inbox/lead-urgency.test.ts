import { describe, expect, it } from 'vitest';
import { byUrgency, dueText } from './lead-urgency';

const lead = (id: string, createdAt: string, until: string | null) => ({
  id,
  createdAt,
  run: {
    status: until ? 'waiting' : 'completed',
    nodeId: null,
    waiting: until ? { nodeId: 'w', events: ['contacted'], until, description: '', since: createdAt } : null,
  },
});

describe('the inbox order', () => {
  it('puts the SLA due soonest first, then leads without one, newest first', () => {
    const leads = [
      lead('old-no-sla', '2026-12-01T09:00:00Z', null),
      lead('due-later', '2026-12-02T09:00:00Z', '2026-12-02T09:10:00Z'),
      lead('new-no-sla', '2026-12-02T10:00:00Z', null),
      lead('due-soon', '2026-12-02T08:00:00Z', '2026-12-02T09:05:00Z'),
    ];
    expect(leads.sort(byUrgency).map((l) => l.id)).toEqual(['due-soon', 'due-later', 'new-no-sla', 'old-no-sla']);
  });
});

describe('the SLA text', () => {
  const now = Date.parse('2026-12-02T09:00:00Z');
  it('counts minutes ahead, now, and overdue', () => {
    expect(dueText('2026-12-02T09:04:10Z', now)).toEqual({ text: 'in 4 min', overdue: false });
    expect(dueText('2026-12-02T09:00:20Z', now)).toEqual({ text: 'due now', overdue: false });
    expect(dueText('2026-12-02T08:57:00Z', now)).toEqual({ text: '3 min overdue', overdue: true });
  });
});
