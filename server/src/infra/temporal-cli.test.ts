import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTemporalCli, findTemporalTestServer } from './temporal-cli.js';

describe('findTemporalCli', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cli-'));
  const binary = path.join(dir, 'temporal');
  writeFileSync(binary, '#!/bin/sh\n');
  chmodSync(binary, 0o755);

  it('prefers TEMPORAL_CLI', () => {
    expect(findTemporalCli({ TEMPORAL_CLI: binary, PATH: '' })).toBe(binary);
  });
  it('refuses a TEMPORAL_CLI that is not executable rather than guessing another', () => {
    expect(findTemporalCli({ TEMPORAL_CLI: path.join(dir, 'missing'), PATH: dir })).toBeNull();
  });
  it('finds it on PATH', () => {
    expect(findTemporalCli({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(binary);
  });
});

describe('findTemporalTestServer', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'test-server-'));
  const binary = path.join(dir, 'temporal-test-server');
  writeFileSync(binary, '#!/bin/sh\n');
  chmodSync(binary, 0o755);

  it('prefers TEMPORAL_TEST_SERVER, and refuses one that is not executable', () => {
    expect(findTemporalTestServer({ TEMPORAL_TEST_SERVER: binary, PATH: '' })).toBe(binary);
    expect(findTemporalTestServer({ TEMPORAL_TEST_SERVER: path.join(dir, 'missing'), PATH: dir })).toBeNull();
  });
  it('finds it on PATH', () => {
    expect(findTemporalTestServer({ PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(binary);
  });
});
