import { describe, expect, it } from 'vitest';
import { nextStage, stageSignalOfEvent, stageSignalsOfPatch } from './lead-stage.js';

describe('the funnel stage a signal moves a lead to', () => {
  it('only goes forward along new → mql → sql → meeting → won', () => {
    expect(nextStage('new', { stage: 'mql', explicit: false })).toBe('mql');
    expect(nextStage('new', { stage: 'sql', explicit: false })).toBe('sql');
    expect(nextStage('sql', { stage: 'mql', explicit: false })).toBeNull();
    expect(nextStage('sql', { stage: 'mql', explicit: true })).toBeNull();
    expect(nextStage('meeting', { stage: 'meeting', explicit: false })).toBeNull();
    expect(nextStage('meeting', { stage: 'won', explicit: true })).toBe('won');
  });

  it('disqualifies from any stage, and only an explicit status brings a lead back', () => {
    expect(nextStage('mql', { stage: 'disqualified', explicit: true })).toBe('disqualified');
    expect(nextStage('won', { stage: 'disqualified', explicit: true })).toBe('disqualified');
    expect(nextStage('disqualified', { stage: 'disqualified', explicit: true })).toBeNull();
    // A re-score or a meeting on a disqualified lead does not requalify it…
    expect(nextStage('disqualified', { stage: 'sql', explicit: false })).toBeNull();
    expect(nextStage('disqualified', { stage: 'meeting', explicit: false })).toBeNull();
    // …someone setting its status does.
    expect(nextStage('disqualified', { stage: 'sql', explicit: true })).toBe('sql');
  });

  it('reads score flags and stage-meaning statuses from a node patch, and nothing else', () => {
    expect(stageSignalsOfPatch({ mql: true, sql: false, score: 70 })).toEqual([{ stage: 'mql', explicit: false }]);
    expect(stageSignalsOfPatch({ mql: true, sql: true })).toEqual([{ stage: 'sql', explicit: false }]);
    expect(stageSignalsOfPatch({ status: 'disqualified', disqualificationReason: 'no_budget' })).toEqual([
      { stage: 'disqualified', explicit: true },
    ]);
    expect(stageSignalsOfPatch({ status: 'working', ownerId: 'x' })).toEqual([]);
    expect(stageSignalsOfPatch({ mql: false, sql: false })).toEqual([]);
    expect(stageSignalsOfPatch(null)).toEqual([]);
  });

  it('reads booked meetings and status changes from events', () => {
    expect(stageSignalOfEvent('meeting_booked', {})).toEqual({ stage: 'meeting', explicit: false });
    expect(stageSignalOfEvent('status_changed', { status: 'won' })).toEqual({ stage: 'won', explicit: true });
    expect(stageSignalOfEvent('status_changed', { status: 'qualified' })).toEqual({ stage: 'sql', explicit: true });
    expect(stageSignalOfEvent('status_changed', { status: 'nurture' })).toBeNull();
    expect(stageSignalOfEvent('contacted', {})).toBeNull();
    expect(stageSignalOfEvent('disqualified', { reason: 'no_budget' })).toEqual({
      stage: 'disqualified',
      explicit: true,
    });
  });
});
