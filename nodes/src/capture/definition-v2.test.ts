import { fieldErrors, schemaValidator } from '@leadflow/engine/compiler';
import { describe, expect, it } from 'vitest';
import { capture } from './definition.js';
import { type CaptureV2Config, captureV2 } from './definition-v2.js';

const schemaErrors = (config: unknown) => {
  const validate = schemaValidator(captureV2.configSchema);
  return validate(config) ? [] : fieldErrors(validate.errors, 'config');
};
const issues = (config: CaptureV2Config) => captureV2.validate?.(config) ?? [];

describe('capture v2 definition', () => {
  it('registers beside v1 as an entry node whose default config behaves like v1', () => {
    expect([capture.version, captureV2.type, captureV2.version, captureV2.entry]).toEqual([1, 'capture', 2, true]);
    expect(captureV2.defaultConfig).toEqual({ ...capture.defaultConfig, matchOn: ['email'], matchAccount: false });
    expect(schemaErrors(captureV2.defaultConfig)).toEqual([]);
    expect(issues(captureV2.defaultConfig)).toEqual([]);
    expect(captureV2.ports).toBe(capture.ports);
    expect(captureV2.run).toBe(capture.run);
  });

  it('refuses an unknown match key and a list without email, naming matchOn', () => {
    expect(schemaErrors({ ...captureV2.defaultConfig, matchOn: ['email', 'phone'] })).toEqual([
      expect.objectContaining({ path: 'config.matchOn[1]' }),
    ]);
    expect(issues({ ...captureV2.defaultConfig, matchOn: ['company_name'] })).toEqual([
      { path: 'matchOn', message: 'must include email: a known address always joins its lead' },
    ]);
  });

  it('requires both new settings and says them in the summary', () => {
    const { matchAccount: _dropped, ...withoutAccount } = captureV2.defaultConfig;
    expect(schemaErrors(withoutAccount)).toEqual([expect.objectContaining({ path: 'config.matchAccount' })]);
    expect(
      captureV2.summary?.({ ...captureV2.defaultConfig, matchOn: ['email', 'company_name'], matchAccount: true }),
    ).toBe(
      'web_form, api · requires email, name, company, source · duplicates by email, company_name · links accounts',
    );
  });
});
