import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

describe('readConfig', () => {
  it('defaults to embedded services under .data', () => {
    const config = readConfig({}, '/srv/leadflow');
    expect(config).toMatchObject({
      temporalAddress: undefined,
      databaseUrl: undefined,
      port: 3000,
      dataDir: '/srv/leadflow/.data',
      embeddedWorker: true,
    });
  });
  it('uses configured services when set', () => {
    const config = readConfig(
      { TEMPORAL_ADDRESS: 'temporal:7233', DATABASE_URL: 'postgres://db/leads', PORT: '8080', LEADFLOW_WORKER: 'off' },
      '/',
    );
    expect(config).toMatchObject({
      temporalAddress: 'temporal:7233',
      databaseUrl: 'postgres://db/leads',
      port: 8080,
      embeddedWorker: false,
    });
    expect(readConfig({ LEADFLOW_TRUST_PROXY: '10.0.0.0/8' }, '/').trustProxy).toBe('10.0.0.0/8');
    expect(readConfig({}, '/').trustProxy).toBe(false);
  });
  it('lets the embedded Temporal UI call the codec unless other origins are listed', () => {
    expect(readConfig({ LEADFLOW_TEMPORAL_UI_PORT: '9233' }, '/').codecOrigins).toEqual([
      'http://127.0.0.1:9233',
      'http://localhost:9233',
    ]);
    expect(
      readConfig({ LEADFLOW_CODEC_ORIGINS: 'https://ui.example.com/, https://ops.example.com' }, '/').codecOrigins,
    ).toEqual(['https://ui.example.com', 'https://ops.example.com']);
  });
  it('keeps step data unless LEADFLOW_STEP_DATA_DAYS names a number of days', () => {
    expect(readConfig({}, '/').stepDataDays).toBeUndefined();
    expect(readConfig({ LEADFLOW_STEP_DATA_DAYS: '30' }, '/').stepDataDays).toBe(30);
    expect(() => readConfig({ LEADFLOW_STEP_DATA_DAYS: '0' }, '/')).toThrow(
      "LEADFLOW_STEP_DATA_DAYS must be at least 1 (days), got '0'; unset it to keep step data",
    );
    expect(() => readConfig({ LEADFLOW_STEP_DATA_DAYS: '30d' }, '/')).toThrow(
      "LEADFLOW_STEP_DATA_DAYS must be a whole number, got '30d'",
    );
  });
  it('limits refused tokens to 10 a minute per address unless told otherwise (0: no limit)', () => {
    expect(readConfig({}, '/').authFailuresPerMinute).toBe(10);
    expect(readConfig({ LEADFLOW_AUTH_FAILURES_PER_MINUTE: '0' }, '/').authFailuresPerMinute).toBe(0);
  });
  it('names a malformed setting', () => {
    expect(() => readConfig({ PORT: 'eighty' }, '/')).toThrow("PORT must be a whole number, got 'eighty'");
  });
});
