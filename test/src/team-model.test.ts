import { slaEscalationWorkflow } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestStack, tasksOf, type TestStack } from './support/test-stack.js';

/** The json columns a lead row needs, empty. */
const EMPTY_LEAD_JSON = { fields: '{}', custom: '{}', first_touch: '{}', last_touch: '{}' };
const problems = (body: { errors?: { path: string; message: string }[] }) =>
  Object.fromEntries((body.errors ?? []).map((e) => [e.path, e.message]));

describe('the sales team model', () => {
  let stack: TestStack;
  const count = async (table: 'reps' | 'teams' | 'territories' | 'accounts') =>
    Number(
      (
        await stack.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    stack = await startTestStack();
    expect((await stack.api('POST', '/api/teams', { id: 'west', name: 'West' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  describe('CRUD', () => {
    it('creates, reads, updates and deletes each kind of row, auditing every change with its actor', async () => {
      const rep = await stack.api('POST', '/api/reps', {
        name: 'Ria',
        email: 'Ria@Crud.test',
        teamId: 'west',
        role: 'AE',
        timezone: 'Europe/Berlin',
        workingHours: { mon: ['09:00', '17:00'] },
      });
      expect(rep.status).toBe(201);
      expect(rep.body).toMatchObject({
        email: 'ria@crud.test',
        role: 'AE',
        teamId: 'west',
        active: true,
        archivedAt: null,
      });
      expect((await stack.api('GET', `/api/reps/${rep.body.id}`)).body.name).toBe('Ria');
      expect((await stack.api('PATCH', `/api/reps/${rep.body.id}`, { role: 'SDR', capacity: 0 })).body).toMatchObject({
        role: 'SDR',
        capacity: 0,
      });

      expect(
        (await stack.api('POST', '/api/teams', { id: 'crud', name: 'Crud', managerRepId: rep.body.id })).status,
      ).toBe(201);
      expect((await stack.api('PATCH', '/api/teams/crud', { name: 'Crud team', managerRepId: null })).body).toEqual({
        id: 'crud',
        name: 'Crud team',
        managerRepId: null,
      });
      expect((await stack.api('GET', '/api/teams/crud')).body.name).toBe('Crud team');

      const territory = await stack.api('POST', '/api/territories', {
        id: 'dach',
        name: 'DACH',
        rules: { countries: ['DE', 'AT', 'CH'] },
        teamId: 'crud',
      });
      expect(territory.status).toBe(201);
      // Naming a rep moves the territory off its team in one field.
      expect(
        (await stack.api('PATCH', '/api/territories/dach', { repId: rep.body.id, priority: 5 })).body,
      ).toMatchObject({ teamId: null, repId: rep.body.id, priority: 5 });
      expect((await stack.api('GET', '/api/territories/dach')).body.rules).toEqual({ countries: ['DE', 'AT', 'CH'] });

      const account = await stack.api('POST', '/api/accounts', {
        domain: 'Crud.Example',
        name: 'Crud Inc',
        ownerRepId: rep.body.id,
      });
      expect(account.body.domain).toBe('crud.example');
      expect(
        (await stack.api('PATCH', `/api/accounts/${account.body.id}`, { ownerRepId: null, name: 'Crud AG' })).body,
      ).toMatchObject({ ownerRepId: null, name: 'Crud AG' });
      expect((await stack.api('GET', `/api/accounts/${account.body.id}`)).body.name).toBe('Crud AG');

      expect((await stack.api('DELETE', `/api/accounts/${account.body.id}`)).body).toEqual({ outcome: 'deleted' });
      expect((await stack.api('DELETE', '/api/territories/dach')).body).toEqual({ outcome: 'deleted' });
      expect((await stack.api('DELETE', '/api/teams/crud')).body).toEqual({ outcome: 'deleted' });
      expect((await stack.api('DELETE', `/api/reps/${rep.body.id}`)).body).toEqual({ outcome: 'deleted' });
      expect((await stack.api('GET', `/api/reps/${rep.body.id}`)).status).toBe(404);

      const audit = await stack.api('GET', `/api/audit?subjectType=rep&subjectId=${rep.body.id}`);
      expect(audit.body.entries.map((e: { action: string; actor: string }) => `${e.action} by ${e.actor}`)).toEqual([
        'rep.deleted by admin',
        'rep.updated by admin',
        'rep.created by admin',
      ]);
      const territoryAudit = await stack.api('GET', '/api/audit?subjectType=territory&subjectId=dach');
      expect(territoryAudit.body.entries.map((e: { action: string }) => e.action)).toEqual([
        'territory.deleted',
        'territory.updated',
        'territory.created',
      ]);
    });

    it('serves the schemas the create routes validate with, for the designer forms', async () => {
      const { body } = await stack.api('GET', '/api/team-model/schemas');
      expect(Object.keys(body)).toEqual(['rep', 'team', 'territory', 'account']);
      expect(body.rep.required).toEqual(['name', 'email']);
      expect(body.team.properties.managerRepId.anyOf[0]['x-picker']).toBe('rep');
    });
  });

  describe('validation', () => {
    it('names each field JSON Schema cannot check: time zone, hours, absences, references, employee range, target', async () => {
      const rep = await stack.api('POST', '/api/reps', {
        name: 'Val',
        email: 'val@validation.test',
        timezone: 'Mars/Olympus',
        teamId: 'nope',
        workingHours: { tue: ['17:00', '09:00'] },
        outOfOffice: [{ from: '2026-12-10T00:00:00Z', until: '2026-12-01T00:00:00Z' }],
      });
      expect(rep.status).toBe(422);
      expect(problems(rep.body)).toEqual({
        timezone: "'Mars/Olympus' is not an IANA time zone (e.g. Europe/Berlin)",
        'workingHours.tue': 'closing time 09:00 must be after opening time 17:00',
        'outOfOffice[0].until': 'must be after from',
        teamId: "team 'nope' does not exist",
      });
      const unknownRep = '00000000-0000-4000-8000-000000000000';
      expect(
        problems((await stack.api('POST', '/api/teams', { id: 'bad', name: 'Bad', managerRepId: unknownRep })).body),
      ).toEqual({ managerRepId: `rep '${unknownRep}' does not exist` });
      expect(
        problems(
          (await stack.api('POST', '/api/accounts', { domain: 'bad.example', name: 'Bad', ownerRepId: unknownRep }))
            .body,
        ),
      ).toEqual({ ownerRepId: `rep '${unknownRep}' does not exist` });
      expect(
        problems(
          (
            await stack.api('POST', '/api/territories', {
              id: 'bad',
              name: 'Bad',
              rules: { minEmployees: 500, maxEmployees: 50 },
            })
          ).body,
        ),
      ).toEqual({
        teamId: 'a territory routes to exactly one of teamId or repId',
        'rules.maxEmployees': 'must be at least minEmployees (500)',
      });
      expect(problems((await stack.api('POST', '/api/reps', { name: 'X', email: 'not-an-email' })).body)).toEqual({
        email: 'must match format "email"',
      });
      expect(await count('teams')).toBe(1);
    });
  });

  describe('bulk upsert', () => {
    it('creates and updates by natural key in one go, reporting counts; a dry run writes nothing', async () => {
      const batch = {
        reps: [
          { name: 'B1', email: 'b1@bulk.test', teamId: 'west' },
          { name: 'B2', email: 'b2@bulk.test', skills: ['smb'] },
        ],
      };
      expect((await stack.api('POST', '/api/reps/bulk?dryRun=true', batch)).body).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        dryRun: true,
      });
      expect(await stack.db.selectFrom('reps').select('id').where('email', 'like', '%@bulk.test').execute()).toEqual(
        [],
      );
      expect((await stack.api('POST', '/api/reps/bulk', batch)).body).toEqual({
        created: 2,
        updated: 0,
        unchanged: 0,
        dryRun: false,
      });
      const again = await stack.api('POST', '/api/reps/bulk', {
        reps: [
          { name: 'B1', email: 'B1@bulk.test' },
          { name: 'B2 renamed', email: 'b2@bulk.test' },
          { name: 'B3', email: 'b3@bulk.test' },
        ],
      });
      expect(again.body).toEqual({ created: 1, updated: 1, unchanged: 1, dryRun: false });
      // Fields an item leaves out keep their stored values.
      const b2 = await stack.db
        .selectFrom('reps')
        .selectAll()
        .where('email', '=', 'b2@bulk.test')
        .executeTakeFirstOrThrow();
      expect([b2.name, b2.skills]).toEqual(['B2 renamed', ['smb']]);

      expect(
        (
          await stack.api('POST', '/api/teams/bulk', {
            teams: [
              { id: 'east', name: 'East' },
              { id: 'west', name: 'West coast' },
            ],
          })
        ).body,
      ).toMatchObject({ created: 1, updated: 1 });
      expect(
        (
          await stack.api('POST', '/api/accounts/bulk', {
            accounts: [
              { domain: 'One.example', name: 'One' },
              { domain: 'two.example', name: 'Two' },
            ],
          })
        ).body,
      ).toMatchObject({ created: 2 });
      expect(
        (await stack.api('POST', '/api/accounts/bulk', { accounts: [{ domain: 'one.example', name: 'One Ltd' }] }))
          .body,
      ).toMatchObject({ created: 0, updated: 1 });
      expect(
        (
          await stack.api('POST', '/api/territories/bulk', {
            territories: [{ id: 'us-east', name: 'US East', rules: { regions: ['NY'] }, teamId: 'east' }],
          })
        ).body,
      ).toMatchObject({ created: 1 });
    });

    it('writes nothing when one item is bad, and reports every problem with its path', async () => {
      const before = {
        reps: await count('reps'),
        audit: (await stack.api('GET', '/api/audit?subjectType=rep')).body.entries.length,
      };
      const bad = await stack.api('POST', '/api/reps/bulk', {
        reps: [
          { name: 'Good', email: 'good@bad-batch.test' },
          { name: 'Zone', email: 'zone@bad-batch.test', timezone: 'Nowhere/City' },
          { name: 'Twin', email: 'GOOD@bad-batch.test' },
          { name: 'Mail', email: 'nope' },
        ],
      });
      expect(bad.status).toBe(400);
      // Schema problems are reported before any row is checked against the database.
      expect(problems(bad.body)).toEqual({ 'reps[3].email': 'must match format "email"' });

      const semantic = await stack.api('POST', '/api/reps/bulk', {
        reps: [
          { name: 'Good', email: 'good@bad-batch.test' },
          { name: 'Zone', email: 'zone@bad-batch.test', timezone: 'Nowhere/City' },
          { name: 'Twin', email: 'GOOD@bad-batch.test', teamId: 'ghost' },
        ],
      });
      expect(semantic.status).toBe(422);
      expect(problems(semantic.body)).toEqual({
        'reps[1].timezone': "'Nowhere/City' is not an IANA time zone (e.g. Europe/Berlin)",
        'reps[2].email': "'good@bad-batch.test' is also at reps[0]; each email may appear once",
        'reps[2].teamId': "team 'ghost' does not exist",
      });
      expect(await count('reps')).toBe(before.reps);
      expect((await stack.api('GET', '/api/audit?subjectType=rep')).body.entries.length).toBe(before.audit);
      expect(
        problems(
          (
            await stack.api('POST', '/api/territories/bulk', {
              territories: [{ id: 'x', name: 'X', rules: { minEmployees: 9, maxEmployees: 1 }, teamId: 'west' }],
            })
          ).body,
        ),
      ).toEqual({
        'territories[0].rules.maxEmployees': 'must be at least minEmployees (9)',
      });
    });

    it('refuses more than 5,000 items in one request', async () => {
      const reps = Array.from({ length: 5001 }, (_, i) => ({ name: `R${i}`, email: `r${i}@limit.test` }));
      const refused = await stack.api('POST', '/api/reps/bulk', { reps });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0]).toEqual({ path: 'reps', message: 'must NOT have more than 5000 items' });
    });
  });

  describe('delete rules', () => {
    it('refuses to delete a rep routing setup still names, archives one history names, and restores an archived rep', async () => {
      const owner = (await stack.api('POST', '/api/reps', { name: 'Owen', email: 'owen@delete.test', teamId: 'west' }))
        .body;
      const account = (
        await stack.api('POST', '/api/accounts', { domain: 'owen.example', name: 'Owen Co', ownerRepId: owner.id })
      ).body;
      const refused = await stack.api('DELETE', `/api/reps/${owner.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(
        "rep 'owen@delete.test' cannot be deleted: owns 1 account ('owen.example'); reassign first",
      );

      await stack.api('PATCH', `/api/accounts/${account.id}`, { ownerRepId: null });
      // History names the rep: a lead they own.
      const workflow = (
        await stack.api('POST', '/api/workflows', {
          name: 'Holder',
          slug: 'holder',
          draft: slaEscalationWorkflow('west', '1h'),
        })
      ).body;
      const held = await stack.db
        .insertInto('leads')
        .values({
          workflow_id: workflow.id,
          workflow_version: 1,
          email: 'held@delete.test',
          email_normalized: 'held@delete.test',
          ...EMPTY_LEAD_JSON,
          owner_id: owner.id,
          run_status: 'completed',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      // And a task node's task (the node's own table, counted by the node's server half).
      await tasksOf(stack)
        .insertInto('tasks')
        .values({
          idempotency_key: `held:${held.id}`,
          lead_id: held.id,
          rep_id: owner.id,
          title: 'Call back',
          due_at: new Date(),
        })
        .execute();
      const token = (await stack.api('POST', '/api/tokens', { name: 'Owen', role: 'rep', repId: owner.id })).body
        .token as string;
      const archived = await stack.api('DELETE', `/api/reps/${owner.id}`);
      expect(archived.body).toMatchObject({
        outcome: 'archived',
        rep: { active: false, archivedAt: expect.any(String) },
        references: { leads: 1, api_tokens: 1, tasks: 1 },
      });
      // A rep who left cannot sign in any more.
      expect((await stack.api('GET', '/api/me', undefined, { authorization: `Bearer ${token}` })).status).toBe(401);
      expect((await stack.api('GET', '/api/reps')).body.reps.map((r: { id: string }) => r.id)).not.toContain(owner.id);
      expect(
        (await stack.api('GET', '/api/reps?includeArchived=true')).body.reps.map((r: { id: string }) => r.id),
      ).toContain(owner.id);
      expect(
        problems(
          (await stack.api('POST', '/api/teams', { id: 'archived-led', name: 'X', managerRepId: owner.id })).body,
        ),
      ).toEqual({ managerRepId: `rep '${owner.id}' is archived; choose an active rep` });
      expect((await stack.api('PATCH', `/api/reps/${owner.id}`, { active: true })).body).toMatchObject({
        active: true,
        archivedAt: null,
      });
    });

    it('refuses to delete a team reps, territories or a published workflow use, naming each', async () => {
      await stack.api('POST', '/api/teams', { id: 'busy', name: 'Busy' });
      const member = (await stack.api('POST', '/api/reps', { name: 'Mem', email: 'mem@busy.test', teamId: 'busy' }))
        .body;
      await stack.api('POST', '/api/territories', { id: 'busy-land', name: 'Busy land', rules: {}, teamId: 'busy' });
      await stack.api('POST', '/api/workflows', {
        name: 'Busy routing',
        slug: 'busy-routing',
        draft: slaEscalationWorkflow('busy', '1h'),
      });
      expect((await stack.api('POST', '/api/workflows/busy-routing/publish', { note: 'v1' })).status).toBe(201);

      const refused = await stack.api('DELETE', '/api/teams/busy');
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('REFERENCED');
      expect(refused.body.errors.map((e: { message: string }) => e.message)).toEqual([
        "1 rep belongs to it ('mem@busy.test')",
        "territories route to it ('busy-land')",
        "workflow 'Busy routing' v1 (node 'assign', 'reassign') routes to it",
      ]);
      await stack.api('DELETE', `/api/reps/${member.id}`);
      await stack.api('DELETE', '/api/territories/busy-land');
      expect(
        (await stack.api('DELETE', '/api/teams/busy')).body.errors.map((e: { message: string }) => e.message),
      ).toEqual(["workflow 'Busy routing' v1 (node 'assign', 'reassign') routes to it"]);
      expect((await stack.api('DELETE', '/api/teams/nope')).status).toBe(404);
    });

    it('refuses to delete an account leads are matched to', async () => {
      const account = (await stack.api('POST', '/api/accounts', { domain: 'matched.example', name: 'Matched' })).body;
      const workflow = (await stack.api('GET', '/api/workflows/holder')).body;
      await stack.db
        .insertInto('leads')
        .values({
          workflow_id: workflow.id,
          workflow_version: 1,
          email: 'a@matched.example',
          email_normalized: 'a@matched.example',
          ...EMPTY_LEAD_JSON,
          account_id: account.id,
          run_status: 'completed',
        })
        .execute();
      const refused = await stack.api('DELETE', `/api/accounts/${account.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.message).toBe(
        "account 'matched.example' cannot be deleted: 1 lead is matched to it; clear its owner instead to stop account routing",
      );
    });
  });
});

describe('changing reps while a lead is in flight', () => {
  let stack: TestStack;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startTestStack();
    ids.Mona = (await stack.api('POST', '/api/reps', { name: 'Mona', email: 'mona@flight.test' })).body.id;
    await stack.api('POST', '/api/teams/bulk', {
      teams: [
        { id: 'flight', name: 'Flight', managerRepId: ids.Mona },
        { id: 'ground', name: 'Ground' },
      ],
    });
    for (const name of ['Ann', 'Bo', 'Cy', 'Dee', 'Eve', 'Fay'])
      ids[name] = (
        await stack.api('POST', '/api/reps', { name, email: `${name.toLowerCase()}@flight.test`, teamId: 'flight' })
      ).body.id;
    // The shipped SLA pattern, with the reassign step respecting capacity.
    const draft = slaEscalationWorkflow('flight', '6s');
    for (const node of draft.nodes) if (node.id === 'reassign') node.config = { ...node.config, respectCapacity: true };
    await stack.api('POST', '/api/workflows', { name: 'Flight', slug: 'flight', draft, isDefault: true });
    expect((await stack.api('POST', '/api/workflows/flight/publish', { note: 'v1' })).status).toBe(201);
  });
  afterAll(() => stack?.stop());

  it('reassigns a lead waiting at its SLA to the one rep still eligible, without a failed step', async () => {
    const lead = (await stack.api('POST', '/api/leads', { email: 'waiting@flight.test', name: 'Waiting Lead' })).body
      .lead.id as string;
    await eventually(
      async () => (await stack.api('GET', `/api/leads/${lead}`)).body.run.nodeId === 'await-contact' || undefined,
      'the lead to wait for contact',
    );
    expect((await stack.api('GET', `/api/leads/${lead}`)).body.ownerId).toBe(ids.Ann);

    // Every kind of change, while the lead waits: the owner archived, one rep inactive, one moved,
    // one out of office, one at capacity 0.
    expect((await stack.api('DELETE', `/api/reps/${ids.Ann}`)).body.outcome).toBe('archived');
    await stack.api('PATCH', `/api/reps/${ids.Bo}`, { active: false });
    await stack.api('PATCH', `/api/reps/${ids.Cy}`, { teamId: 'ground' });
    await stack.api('PATCH', `/api/reps/${ids.Dee}`, {
      outOfOffice: [
        {
          from: new Date(Date.now() - 60_000).toISOString(),
          until: new Date(Date.now() + 86_400_000).toISOString(),
          note: 'conference',
        },
      ],
    });
    await stack.api('PATCH', `/api/reps/${ids.Eve}`, { capacity: 0 });

    const reassigned = await eventually(
      async () => {
        const steps = (await stack.api('GET', `/api/leads/${lead}/history`)).body.steps as {
          nodeId: string;
          status: string;
          reason: string | null;
        }[];
        return steps.find((step) => step.nodeId === 'reassign' && step.status !== 'running') ?? undefined;
      },
      'the SLA reassign step',
      60_000,
    );
    expect(reassigned.reason).toMatch(/Fay chosen/);
    expect(reassigned.reason).toMatch(/Ann skipped \(current owner, reassigning\)/);
    expect(reassigned.reason).toMatch(/Bo skipped \(inactive\)/);
    expect(reassigned.reason).toMatch(/Dee skipped \(out of office until \d{4}-\d{2}-\d{2} \(conference\)\)/);
    expect(reassigned.reason).toMatch(/Eve skipped \(at capacity 0\/0\)/);
    expect(reassigned.reason).not.toMatch(/Cy/);
    expect((await stack.api('GET', `/api/leads/${lead}`)).body.ownerId).toBe(ids.Fay);

    expect((await stack.api('POST', `/api/leads/${lead}/events`, { type: 'contacted' })).body.delivered).toBe(true);
    const done = await eventually(async () => {
      const body = (await stack.api('GET', `/api/leads/${lead}`)).body;
      return body.run.status === 'completed' ? body : undefined;
    }, 'the lead to finish once contacted');
    expect(done.status).toBe('contacted');
    const failed = await stack.db
      .selectFrom('steps')
      .select(['node_id', 'error'])
      .where('lead_id', '=', lead)
      .where((eb) => eb.or([eb('error', 'is not', null), eb('status', '=', 'failed')]))
      .execute();
    expect(failed).toEqual([]);
  });
});
