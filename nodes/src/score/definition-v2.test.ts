import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { describe, expect, it } from 'vitest';
import { score } from './definition.js';
import { type EventRule, type ScoreV2Config, scoreV2 } from './definition-v2.js';

const pricing = (overrides: Partial<EventRule> = {}): EventRule => ({
  label: 'pricing page',
  event: 'page_visited',
  urlContains: '/pricing',
  points: 15,
  halfLife: '14d',
  maxCount: 3,
  ...overrides,
});
const config = (eventRules: EventRule[], overrides: Partial<ScoreV2Config> = {}): ScoreV2Config => ({
  ...scoreV2.defaultConfig,
  eventRules,
  ...overrides,
});
const issues = (cfg: ScoreV2Config) => scoreV2.validate?.(cfg) ?? [];
const schemaErrors = (cfg: unknown) => {
  const validate = schemaValidator(scoreV2.configSchema);
  return validate(cfg) ? [] : fieldErrors(validate.errors, 'config');
};

describe('score v2 definition', () => {
  it('registers beside v1 and accepts its default config, a v1 config and an event rule', () => {
    expect([score.type, score.version, scoreV2.type, scoreV2.version]).toEqual(['score', 1, 'score', 2]);
    for (const cfg of [scoreV2.defaultConfig, score.defaultConfig, config([pricing()])]) {
      expect(schemaErrors(cfg)).toEqual([]);
      expect(issues(cfg)).toEqual([]);
    }
  });

  it('names the half-life that is not a duration', () => {
    expect(issues(config([pricing(), pricing({ halfLife: 'two weeks' }), pricing({ halfLife: '0d' })]))).toEqual([
      { path: 'eventRules[1].halfLife', message: "'two weeks' is not a duration; write e.g. 12h, 14d, 2w" },
      { path: 'eventRules[2].halfLife', message: "'0d' is not a duration; write e.g. 12h, 14d, 2w" },
    ]);
  });

  it('names the event that is not an event name', () => {
    expect(
      issues(config([pricing({ event: 'Page Visited' }), pricing({ event: '1st_visit' })])).map((issue) => issue.path),
    ).toEqual(['eventRules[0].event', 'eventRules[1].event']);
    expect(issues(config([pricing({ event: 'webinar_attended2' })]))).toEqual([]);
  });

  it('type-checks every condition as v1 does', () => {
    const cfg = config([], {
      fitRules: [{ label: 'big', when: 'employees == "many"', points: 10 }],
      intentRules: [{ label: 'demo', when: 'sorce == "demo_request"', points: 60 }],
    });
    expect(issues(cfg).map((issue) => issue.path)).toEqual(['fitRules[0].when', 'intentRules[0].when']);
  });

  it('names the field when the schema refuses an event rule', () => {
    expect(schemaErrors(config([pricing({ maxCount: 0 })]))[0]?.path).toBe('config.eventRules[0].maxCount');
    expect(schemaErrors(config([{ ...pricing(), when: 'true' } as EventRule]))[0]?.path).toBe(
      'config.eventRules[0].when',
    );
  });

  it('sums up the rules on the canvas', () => {
    expect(
      scoreV2.summary?.(
        config([pricing()], { intentRules: [{ label: 'demo', when: 'source == "demo_request"', points: 60 }] }),
      ),
    ).toBe('0 fit + 2 intent rules (1 on events, decaying) · high fit ≥ 50');
  });
});
