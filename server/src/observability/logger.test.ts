import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configureLogging, httpLogger, TemporalPinoLogger } from './logger.js';

function capture(): { lines: () => Array<Record<string, unknown>>; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return {
    stream,
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('JSON logs', () => {
  afterEach(() => configureLogging('silent', 'test'));

  it('gives the SDK’s lines about a lead its lead, workflow and run ids, as activities and workflows name them', () => {
    const out = capture();
    configureLogging('info', 'leadflow-worker', out.stream);
    const sdk = new TemporalPinoLogger();
    sdk.warn('Activity failed', { workflowId: 'lead-42', workflowRunId: 'run-a', activityType: 'node.notify.v1' });
    sdk.info('Workflow completed', { workflowId: 'lead-43', runId: 'run-b' });
    sdk.info('Worker state changed', { state: 'RUNNING' });
    sdk.debug('not shown at info', { workflowId: 'lead-44' });
    expect(out.lines()).toEqual([
      expect.objectContaining({
        level: 40,
        service: 'leadflow-worker',
        msg: 'Activity failed',
        leadId: '42',
        workflowId: 'lead-42',
        runId: 'run-a',
        activityType: 'node.notify.v1',
      }),
      expect.objectContaining({
        level: 30,
        msg: 'Workflow completed',
        leadId: '43',
        workflowId: 'lead-43',
        runId: 'run-b',
      }),
      expect.objectContaining({ msg: 'Worker state changed', state: 'RUNNING' }),
    ]);
    expect(out.lines()[2]).not.toHaveProperty('leadId');
  });

  it('keeps email addresses out of error texts', () => {
    const out = capture();
    configureLogging('info', 'leadflow-worker', out.stream);
    new TemporalPinoLogger().warn('Activity failed for jane.doe@acme.com', {
      workflowId: 'lead-1',
      error: new Error('550 <jane.doe@acme.com>: mailbox unavailable'),
    });
    const [line] = out.lines();
    expect(line).toMatchObject({
      msg: 'Activity failed for <email>',
      error: { type: 'Error', message: '550 <<email>>: mailbox unavailable' },
    });
    expect(JSON.stringify(line)).not.toContain('acme.com');
  });

  it('logs a request by its path, without the query string or headers', () => {
    const out = capture();
    configureLogging('info', 'leadflow-server', out.stream);
    httpLogger().info(
      {
        req: {
          method: 'GET',
          url: '/api/leads?q=jane@acme.com',
          ip: '10.0.0.1',
          headers: { authorization: 'Bearer secret' },
          routeOptions: { url: '/api/leads' },
        },
      },
      'incoming request',
    );
    const [line] = out.lines();
    expect(line).toMatchObject({
      component: 'http',
      req: { method: 'GET', path: '/api/leads', route: '/api/leads', remoteAddress: '10.0.0.1' },
    });
    expect(JSON.stringify(line)).not.toMatch(/jane|secret/);
  });
});
