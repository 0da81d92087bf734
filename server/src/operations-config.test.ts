import { describe, expect, it } from 'vitest';
import { readOperationsConfig } from './operations-config.js';

describe('readOperationsConfig', () => {
  it('defaults: migrate at start, no delay before closing, 30 s grace; info logs against real services, warnings embedded', () => {
    expect(readOperationsConfig({ DATABASE_URL: 'postgres://db/leads' })).toEqual({
      metricsPort: undefined,
      logLevel: 'info',
      migrateOnStart: true,
      shutdownDelayMs: 0,
      shutdownGraceMs: 30_000,
    });
    expect(readOperationsConfig({}).logLevel).toBe('warn');
  });

  it('reads every setting and names a malformed one', () => {
    expect(
      readOperationsConfig({
        LEADFLOW_METRICS_PORT: '9464',
        LOG_LEVEL: 'DEBUG',
        LEADFLOW_MIGRATE: 'off',
        LEADFLOW_SHUTDOWN_DELAY_MS: '5000',
        LEADFLOW_SHUTDOWN_GRACE_MS: '60000',
      }),
    ).toEqual({
      metricsPort: 9464,
      logLevel: 'debug',
      migrateOnStart: false,
      shutdownDelayMs: 5000,
      shutdownGraceMs: 60_000,
    });
    expect(() => readOperationsConfig({ LOG_LEVEL: 'loud' })).toThrow(
      "LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got 'loud'",
    );
    expect(() => readOperationsConfig({ LEADFLOW_MIGRATE: 'later' })).toThrow(
      "LEADFLOW_MIGRATE must be on or off, got 'later'",
    );
    expect(() => readOperationsConfig({ LEADFLOW_SHUTDOWN_GRACE_MS: '30s' })).toThrow(
      "LEADFLOW_SHUTDOWN_GRACE_MS must be a whole number of milliseconds, got '30s'",
    );
    expect(() => readOperationsConfig({ LEADFLOW_METRICS_PORT: 'x' })).toThrow(
      "LEADFLOW_METRICS_PORT must be a port number, got 'x'",
    );
  });
});
