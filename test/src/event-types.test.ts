import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitingWorkflow } from './support/intake-fixtures.js';
import { eventually, startTestStack, type TestStack } from './support/test-stack.js';

/** Ends "engaged" on a reply or `event` within the hour. */
const webinarFollowUp = (event: string) =>
  waitingWorkflow('webinar follow-up', {
    capture: { channels: ['api'] },
    events: ['replied', event],
    status: 'engaged',
  });

describe('the event catalog', () => {
  let stack: TestStack;
  const eventCount = async (): Promise<number> =>
    Number(
      (
        await stack.db
          .selectFrom('lead_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(() => stack?.stop());

  it('lists the built-in types, saying which callers may post', async () => {
    const { eventTypes } = (await stack.api('GET', '/api/event-types')).body;
    expect(eventTypes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'contacted', label: 'Contacted', builtIn: true, postable: true }),
        expect.objectContaining({ name: 'resubmitted', builtIn: true, postable: false }),
      ]),
    );
  });

  it('refuses a workflow that waits for an undeclared type, naming the node and field', async () => {
    await stack.api('POST', '/api/workflows', {
      name: 'webinar',
      slug: 'webinar',
      draft: webinarFollowUp('webinar_attended'),
      isDefault: true,
    });
    const checked = (await stack.api('POST', '/api/workflows/webinar/validate', webinarFollowUp('webinar_attended')))
      .body;
    expect(checked.ok).toBe(false);
    expect(checked.errors).toEqual([
      {
        nodeId: 'await',
        path: 'config.events[1]',
        message:
          "Wait 'await': 'webinar_attended' is not a declared event type; pick one from the event catalog or declare it first",
        field: "'webinar_attended' is not a declared event type; pick one from the event catalog or declare it first",
      },
    ]);
    expect((await stack.api('POST', '/api/workflows/webinar/publish', { note: 'too soon' })).status).toBe(422);
  });

  it('takes a declared custom type: the graph compiles, its data is checked against its schema, and a waiting lead wakes on it', async () => {
    const declared = await stack.api('POST', '/api/event-types', {
      name: 'webinar_attended',
      label: 'Webinar attended',
      description: 'Sent by the webinar platform',
      dataSchema: {
        type: 'object',
        required: ['webinarId'],
        properties: { webinarId: { type: 'string', minLength: 1 } },
      },
    });
    expect(declared).toMatchObject({ status: 201, body: { name: 'webinar_attended', builtIn: false, postable: true } });
    expect((await stack.api('POST', '/api/event-types', { name: 'webinar_attended', label: 'again' })).status).toBe(
      409,
    );
    expect((await stack.api('POST', '/api/event-types', { name: 'contacted', label: 'mine' })).status).toBe(409);
    expect((await stack.api('POST', '/api/workflows/webinar/publish', { note: 'declared now' })).status).toBe(201);

    const lead = (await stack.api('POST', '/api/leads', { email: 'guest@webinar.test' })).body.lead;
    await eventually(
      async () =>
        (await stack.db.selectFrom('leads').select('run_status').where('id', '=', lead.id).executeTakeFirstOrThrow())
          .run_status === 'waiting',
      'the lead to wait',
    );
    const before = await eventCount();
    const missing = await stack.api('POST', `/api/leads/${lead.id}/events`, { type: 'webinar_attended', data: {} });
    expect(missing).toMatchObject({ status: 422, body: { errors: [{ path: 'data.webinarId' }] } });
    expect(await eventCount()).toBe(before);
    expect(
      (
        await stack.api('POST', `/api/leads/${lead.id}/events`, {
          type: 'webinar_attended',
          data: { webinarId: 'w-42' },
        })
      ).status,
    ).toBe(202);
    const ended = await eventually(async () => {
      const row = await stack.db
        .selectFrom('leads')
        .select(['run_status', 'status'])
        .where('id', '=', lead.id)
        .executeTakeFirstOrThrow();
      return row.run_status === 'completed' && row;
    }, 'the wait to end on the custom event');
    expect(ended.status).toBe('engaged');
  });

  it('refuses a typo in a posted type with the close matches, and a type Leadflow records itself', async () => {
    const lead = (await stack.api('POST', '/api/leads', { email: 'typo@webinar.test' })).body.lead;
    const before = await eventCount();
    const typo = await stack.api('POST', `/api/leads/${lead.id}/events`, { type: 'contacetd' });
    expect(typo.status).toBe(422);
    expect(typo.body.errors).toEqual([
      { path: 'type', message: "'contacetd' is not a declared event type; did you mean 'contacted'?" },
    ]);
    const custom = await stack.api('POST', `/api/leads/${lead.id}/events`, {
      type: 'webinar_attend',
      data: { webinarId: 'w' },
    });
    expect(custom.body.errors[0].message).toContain("did you mean 'webinar_attended'?");
    expect(
      (await stack.api('POST', `/api/leads/${lead.id}/events`, { type: 'resubmitted' })).body.errors[0].message,
    ).toContain('recorded by Leadflow itself');
    expect(await eventCount()).toBe(before);
  });

  it('keeps a type a workflow waits for, deletes one nobody names, and audits both', async () => {
    const inUse = await stack.api('DELETE', '/api/event-types/webinar_attended');
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain("workflow 'webinar' waits for or reads it");
    expect((await stack.api('DELETE', '/api/event-types/contacted')).status).toBe(409);

    expect(
      (await stack.api('POST', '/api/event-types', { name: 'trial_started', label: 'Trial started' })).status,
    ).toBe(201);
    expect((await stack.api('PATCH', '/api/event-types/trial_started', { label: 'Trial begun' })).body.label).toBe(
      'Trial begun',
    );
    expect((await stack.api('DELETE', '/api/event-types/trial_started')).status).toBe(204);
    expect((await stack.api('GET', '/api/event-types/trial_started')).status).toBe(404);
    const audit = (await stack.api('GET', '/api/audit?subjectType=event_type')).body.entries.map(
      (entry: { action: string; subjectId: string }) => `${entry.action} ${entry.subjectId}`,
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        'event_type.created webinar_attended',
        'event_type.created trial_started',
        'event_type.updated trial_started',
        'event_type.deleted trial_started',
      ]),
    );
  });
});
