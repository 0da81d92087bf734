import { readFileSync } from 'node:fs';
import { inboundWorkflow, installTemporalRuntime } from '@leadflow/server';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { failureConverterPath } from '@leadflow/engine/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { HISTORY_FIXTURES, historyCorpus } from './support/history-corpus.js';
import { historyFromCliJson } from './support/history-json.js';
import { publishRoutedWorkflow } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

const fixtures = HISTORY_FIXTURES;
const corpus = historyCorpus;

/**
 * The interpreter is replayed against every history it must stay compatible with: leads in flight
 * at an upgrade replay theirs on the new code, so a behaviour change that is not behind
 * `patched()` fails here. Each release adds its recordings (`npm run record:histories -w test`).
 */
describe('replaying lead histories with the current interpreter', () => {
  const workflowBundle = { code: inject('workflowBundleCode') };
  let stack: TestStack;

  beforeAll(async () => {
    installTemporalRuntime();
    stack = await startTestStack();
    await publishRoutedWorkflow(stack, 'routed', 'sales', ['Ann'], true);
  });
  afterAll(() => stack?.stop());

  it('replays the whole recorded corpus, every release and path', async () => {
    const histories = corpus();
    const releases = new Set(histories.map(({ name }) => name.split('/')[0]));
    expect(releases.size).toBeGreaterThanOrEqual(2);
    expect(histories.length).toBeGreaterThanOrEqual(12);
    const failures: string[] = [];
    let replayed = 0;
    const results = Worker.runReplayHistories(
      { workflowBundle },
      histories.map(({ name, json }) => ({ workflowId: name, history: historyFromCliJson(json) })),
    );
    for await (const result of results) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  });

  it('notices a history this interpreter would not have made (the check can fail)', async () => {
    const history = JSON.parse(readFileSync(new URL('2026-11-23-before-update/unassigned.json', fixtures), 'utf8')) as {
      events: Array<Record<string, any>>;
    };
    const scheduled = history.events.find((event) => event.activityTaskScheduledEventAttributes);
    scheduled!.activityTaskScheduledEventAttributes.activityType.name = 'node.enrich.v1';
    await expect(Worker.runReplayHistory({ workflowBundle }, historyFromCliJson(history))).rejects.toThrow(
      /[Nn]ondetermin/,
    );
  });

  it('replays a run that answered an update-with-start', async () => {
    const { body } = await stack.api('POST', '/api/leads?wait=assignment', { email: 'sync@replay.test' });
    expect(body.owner).not.toBeNull();
    await stack.api('POST', '/api/activity', { leadId: body.lead.id, type: 'demo_requested' });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${body.lead.id}`)).body.run.status === 'completed',
      'the run to finish',
    );
    const history = await stack.services.temporal.workflow.getHandle(`lead-${body.lead.id}`).fetchHistory();
    const types = (history.events ?? []).map((event) => event.eventType);
    const {
      EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED: accepted,
      EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED: completed,
    } = temporal.api.enums.v1.EventType;
    expect(types).toEqual(expect.arrayContaining([accepted, completed]));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle, dataConverter: { payloadCodecs: [stack.security.codec], failureConverterPath } },
        history,
      ),
    ).resolves.toBeUndefined();
  });

  it('replays a run whose enrich and score ran as local activities, behind the local-activities patch', async () => {
    await stack.api('POST', '/api/teams', { id: 'inbound', name: 'Inbound' });
    await stack.api('POST', '/api/reps', { name: 'Ivy', email: 'ivy@inbound.test', teamId: 'inbound' });
    await stack.api('POST', '/api/workflows', { name: 'inbound', slug: 'inbound-local', draft: inboundWorkflow });
    expect((await stack.api('POST', '/api/workflows/inbound-local/publish', { note: 'v1' })).status).toBe(201);
    const { body } = await stack.api('POST', '/api/leads', {
      workflow: 'inbound-local',
      email: 'local@bigco.test',
      name: 'Lo Cal',
      company: 'BigCo',
      title: 'VP Sales',
      source: 'demo_request',
    });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${body.lead.id}`)).body.run.status === 'waiting',
      'the lead to wait for contact',
    );
    await stack.api('POST', `/api/leads/${body.lead.id}/events`, { type: 'contacted' });
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${body.lead.id}`)).body.run.status === 'completed',
      'the run to finish',
    );
    const history = await stack.services.temporal.workflow.getHandle(`lead-${body.lead.id}`).fetchHistory();
    const events = history.events ?? [];
    const scheduled = events.flatMap((event) =>
      event.activityTaskScheduledEventAttributes ? [event.activityTaskScheduledEventAttributes.activityType?.name] : [],
    );
    expect(scheduled).not.toContain('node.enrich.v1');
    expect(scheduled).not.toContain('node.score.v1');
    expect(scheduled).toEqual(expect.arrayContaining(['node.assign.v1', 'node.notify.v1']));
    // The patch markers of the event-mail interpreter, of local activities and of reading mail
    // through what committed, then one marker per local activity: enrich, score, and the read of
    // the mail the contacted event came in.
    const markers = events.flatMap((event) =>
      event.markerRecordedEventAttributes ? [event.markerRecordedEventAttributes.markerName] : [],
    );
    expect(markers.filter((name) => name === 'core_patch')).toHaveLength(3);
    expect(markers.filter((name) => name === 'core_local_activity')).toHaveLength(3);
    await expect(
      Worker.runReplayHistory(
        { workflowBundle, dataConverter: { payloadCodecs: [stack.security.codec], failureConverterPath } },
        history,
      ),
    ).resolves.toBeUndefined();
  });
});
