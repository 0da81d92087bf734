import { nodeDefinitions } from '@leadflow/nodes';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FieldError } from './field-path';
import type { Pickers } from './form-context';
import type { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';
import { controlsIn, elementById, labelFor, textById } from './test-support';

const pickers: Pickers = {
  teams: [
    { id: 'inbound', name: 'Inbound' },
    { id: 'emea', name: 'EMEA' },
  ],
  reps: [{ id: 'r1', name: 'Ana', email: 'ana@example.com' }],
  leadFields: [
    { name: 'score', type: 'number' },
    { name: 'tier', type: 'number' },
    { name: 'custom', type: 'object' },
  ],
};

function definition(type: string, version: number) {
  const found = nodeDefinitions.find((node) => node.type === type && node.version === version);
  if (!found) throw new Error(`no ${type} v${version} in the catalog`);
  return { schema: found.configSchema as unknown as JsonSchema, defaults: found.defaultConfig as unknown };
}

function render(
  schema: JsonSchema,
  value: unknown,
  options: { serverErrors?: FieldError[]; readOnly?: boolean } = {},
): string {
  return renderToStaticMarkup(
    <SchemaForm idPrefix="n" schema={schema} value={value} onChange={() => {}} pickers={pickers} {...options} />,
  );
}

describe('SchemaForm on assign v2', () => {
  const assign = definition('assign', 2);
  const html = render(assign.schema, assign.defaults);

  it('labels every field from its title, starring the required ones only', () => {
    expect(labelFor(html, 'n-source')).toBe('Candidates from *');
    expect(elementById(html, 'n-source')?.['aria-required']).toBe('true');
    expect(labelFor(html, 'n-team')).toBe('Team');
    expect(elementById(html, 'n-team')?.['aria-required']).toBeUndefined();
    expect(labelFor(html, 'n-respectCapacity')).toBe('Respect capacity');
    expect(html).toMatch(/<legend class="sf-legend">Required skills<\/legend>/);
  });

  it('links each control to its help text', () => {
    expect(elementById(html, 'n-strategy')?.['aria-describedby']).toBe('n-strategy--help');
    expect(textById(html, 'n-strategy--help')).toMatch(/^round_robin: in turn/);
  });

  it('picks the team from the list, keeping a team it does not know', () => {
    expect(html).toMatch(/<select[^>]*id="n-team"/);
    expect(html).toMatch(/<option value="inbound" selected="">Inbound<\/option>/);
    expect(html).toMatch(/<option value="">Not set<\/option>/);
    const unknown = render(assign.schema, { ...(assign.defaults as object), team: 'ghosts' });
    expect(unknown).toMatch(/<option value="ghosts" selected="">ghosts \(unknown team\)<\/option>/);
  });

  it('shows an error under the field it names, linked to the control', () => {
    const invalid = render(assign.schema, { ...(assign.defaults as object), strategy: 'lottery' });
    expect(elementById(invalid, 'n-strategy')?.['aria-invalid']).toBe('true');
    expect(elementById(invalid, 'n-strategy')?.['aria-describedby']).toBe('n-strategy--errors n-strategy--help');
    expect(textById(invalid, 'n-strategy--errors')).toBe(
      'the pick by must be one of: round_robin, weighted_round_robin, least_loaded',
    );
    expect(invalid).toMatch(/lottery \(not allowed\)/);
  });
});

describe('SchemaForm on branch', () => {
  const branch = definition('branch', 1);
  const value = {
    cases: [
      { port: 'hot', when: 'tierr == 1' },
      { port: 'Bad Port', when: 'tier == 2' },
    ],
  };

  it('shows a server compile error on the field its path names', () => {
    const html = render(branch.schema, value, {
      serverErrors: [{ path: 'cases[0].when', message: "unknown field 'tierr'" }],
    });
    const when = elementById(html, 'n-cases-0__when');
    expect(when?.['aria-invalid']).toBe('true');
    expect(when?.['aria-describedby']).toContain('n-cases-0__when--errors');
    expect(textById(html, 'n-cases-0__when--errors')).toBe("unknown field 'tierr'");
  });

  it("shows the browser's own validation the same way, in the server's words", () => {
    const html = render(branch.schema, {
      cases: [
        { port: 'hot', when: 'tier == 1' },
        { port: 'cold', when: '' },
      ],
    });
    expect(elementById(html, 'n-cases-1__when')?.['aria-invalid']).toBe('true');
    expect(textById(html, 'n-cases-1__when--errors')).toBe('the condition is empty');
    expect(elementById(html, 'n-cases-0__when')?.['aria-invalid']).toBeUndefined();
  });

  it('has no port field to type: a case is named by its label, and its port follows', () => {
    const html = render(branch.schema, value);
    expect(elementById(html, 'n-cases-0__port')).toBeNull();
    expect(elementById(html, 'n-cases-0__label')).not.toBeNull();
  });

  it('makes each case a collapsible group with a summary, reorder and remove buttons', () => {
    const html = render(branch.schema, value);
    const toggle = elementById(html, 'n-cases-0--toggle');
    expect(toggle?.['aria-expanded']).toBe('true');
    expect(toggle?.['aria-controls']).toBe('n-cases-0--body');
    expect(textById(html, 'n-cases-0--toggle')).toContain('Case 1');
    expect(textById(html, 'n-cases-0--toggle')).toContain('tierr == 1');
    expect(textById(html, 'n-cases-0--toggle')).not.toContain('hot');
    expect(textById(html, 'n-cases-1--toggle')).toContain('1 problem');
    expect(elementById(html, 'n-cases-0--up')).toHaveProperty('disabled');
    expect(elementById(html, 'n-cases-1--down')).toHaveProperty('disabled');
    expect(html).toContain('aria-label="Remove Case 2"');
    expect(html).toContain('aria-label="Add case to Cases"');
  });

  it('offers the lead-field menu on expressions', () => {
    const html = render(branch.schema, value);
    const button = elementById(html, 'n-cases-0__when--insert');
    expect(button?.['aria-haspopup']).toBe('menu');
    expect(button?.['aria-expanded']).toBe('false');
    expect(button?.['aria-label']).toBe('Insert field into Condition');
  });

  it('read-only: nothing to add, remove or insert, and text cannot change', () => {
    const html = render(branch.schema, value, { readOnly: true });
    expect(html).not.toMatch(/<button[^>]*aria-label="(Add|Remove|Move|Insert)/);
    expect(elementById(html, 'n-cases-0__when')).toHaveProperty('readonly');
  });
});

describe('SchemaForm credentials, secrets and deprecated fields', () => {
  const notify = definition('notify', 2);
  const http = definition('http', 1);
  const enrich = definition('enrich', 2);
  const withCredentials: Pickers = {
    ...pickers,
    credentials: [
      {
        id: '11111111-1111-4111-8111-111111111111',
        name: 'Sales alerts',
        kind: 'slack_webhook',
        kindTitle: 'Slack incoming webhook',
      },
      { id: '22222222-2222-4222-8222-222222222222', name: 'Clearbit key', kind: 'bearer', kindTitle: 'Bearer token' },
      { id: '33333333-3333-4333-8333-333333333333', name: 'CRM header', kind: 'http_header', kindTitle: 'HTTP header' },
    ],
  };
  const renderWith = (schema: JsonSchema, value: unknown, options: { readOnly?: boolean; pickers?: Pickers } = {}) =>
    renderToStaticMarkup(
      <SchemaForm
        idPrefix="n"
        schema={schema}
        value={value}
        onChange={() => {}}
        pickers={options.pickers ?? withCredentials}
        readOnly={options.readOnly}
      />,
    );
  const options = (html: string, id: string) =>
    [
      ...(new RegExp(`<select[^>]*id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(
        /<option[^>]*>([^<]*)</g,
      ),
    ].map((m) => m[1]);

  it('offers only the credentials of the kinds a field takes, by name, with a link to make a new one', () => {
    const html = renderWith(notify.schema, { ...(notify.defaults as object), channels: ['slack'] });
    expect(options(html, 'n-slackCredential')).toEqual(['Not set', 'Sales alerts']);
    expect(options(html, 'n-webhookCredential')).toEqual(['Not set']);
    expect(html).toContain('href="/credentials?new=slack_webhook"');
    expect(html).toContain('href="/credentials?new=webhook"');
    expect(html).toContain('No credential of this kind yet');
  });

  it('names the kind beside each credential where a field takes several kinds', () => {
    const html = renderWith(http.schema, {
      ...(http.defaults as object),
      credential: '22222222-2222-4222-8222-222222222222',
    });
    expect(options(html, 'n-credential')).toEqual([
      'Not set',
      'Clearbit key (Bearer token)',
      'CRM header (HTTP header)',
    ]);
    expect(html).toMatch(/<option value="22222222-2222-4222-8222-222222222222" selected="">Clearbit key/);
  });

  it('keeps a credential that no longer exists, saying so; without the list (a viewer) the field is plain text', () => {
    const gone = renderWith(http.schema, {
      ...(http.defaults as object),
      credential: '44444444-4444-4444-8444-444444444444',
    });
    expect(gone).toMatch(
      /<option value="44444444-4444-4444-8444-444444444444" selected="">a credential that no longer exists<\/option>/,
    );
    const viewer = renderWith(
      http.schema,
      { ...(http.defaults as object), credential: '22222222-2222-4222-8222-222222222222' },
      { pickers, readOnly: true },
    );
    expect(viewer).toMatch(/<input[^>]*id="n-credential"/);
    expect(viewer).not.toContain('New credential');
  });

  it('hides deprecated inline secrets unless they hold a value, and then masks them', () => {
    const empty = renderWith(notify.schema, { ...(notify.defaults as object), channels: ['slack', 'webhook'] });
    expect(elementById(empty, 'n-slackWebhookUrl')).toBeNull();
    expect(elementById(empty, 'n-webhookUrl')).toBeNull();
    const old = renderWith(notify.schema, {
      ...(notify.defaults as object),
      channels: ['slack'],
      slackWebhookUrl: 'https://hooks.slack.example/T0/B0/x',
    });
    expect(elementById(old, 'n-slackWebhookUrl')).toMatchObject({ type: 'password', autocomplete: 'new-password' });
    expect(elementById(old, 'n-webhookUrl')).toBeNull();
    const provider = renderWith(enrich.schema, {
      ...(enrich.defaults as object),
      providers: [{ kind: 'http', name: 'clearbit', url: 'https://x.example' }],
    });
    expect(provider).not.toContain('Auth header (deprecated)');
    expect(provider).toContain('API key');
  });

  it('never shows a secret read-only, not even the API\'s "[secret]"', () => {
    const html = renderWith(
      notify.schema,
      { ...(notify.defaults as object), channels: ['slack'], slackWebhookUrl: '[secret]' },
      { readOnly: true },
    );
    expect(elementById(html, 'n-slackWebhookUrl')).toBeNull();
    expect(html).not.toContain('[secret]');
    expect(html).toContain('Slack webhook URL (deprecated): set — secrets are not shown here');
    expect(html).not.toContain('New credential');
    const provider = renderWith(
      enrich.schema,
      {
        ...(enrich.defaults as object),
        providers: [{ kind: 'http', name: 'v', url: 'https://x.example', authHeader: '[secret]' }],
      },
      { readOnly: true },
    );
    expect(provider).not.toContain('[secret]');
  });
});

describe('SchemaForm event type lists', () => {
  it('picks each event of a list from the catalog, by label', () => {
    const wait = definition('wait', 1);
    const withCatalog: Pickers = {
      ...pickers,
      eventTypes: [
        { name: 'contacted', label: 'Contacted' },
        { name: 'webinar_attended', label: 'Webinar attended' },
      ],
    };
    const html = renderToStaticMarkup(
      <SchemaForm
        idPrefix="n"
        schema={wait.schema}
        value={{ mode: 'event', events: ['contacted'] }}
        onChange={() => {}}
        pickers={withCatalog}
      />,
    );
    expect(html).toMatch(/<select[^>]*id="n-events--new"/);
    expect(html).toContain('<option value="1">Webinar attended (webinar_attended)</option>');
    // Without the catalog the name is typed.
    expect(render(wait.schema, { mode: 'event', events: [] })).toMatch(/<input[^>]*id="n-events--new"/);
  });
});

describe('SchemaForm on every node type in the catalog', () => {
  for (const node of nodeDefinitions) {
    it(`${node.type} v${node.version}: default config is valid, every control labelled, every reference resolves`, () => {
      const html = render(node.configSchema as unknown as JsonSchema, node.defaultConfig);
      expect(html).not.toContain('sf-invalid');
      const ids = new Set([...html.matchAll(/\bid="([^"]+)"/g)].map((match) => match[1]));
      for (const { attributes } of controlsIn(html)) {
        const id = attributes.id as string;
        expect(labelFor(html, id) ?? attributes['aria-label'], `control ${id} has a label`).toBeTruthy();
        for (const ref of (attributes['aria-describedby'] ?? '').split(' ').filter(Boolean))
          expect(ids.has(ref), `${id} describedby ${ref}`).toBe(true);
      }
      expect(ids.size, 'ids are unique').toBe([...html.matchAll(/\bid="([^"]+)"/g)].length);
    });
  }

  it('uses only the annotation vocabulary the form knows', () => {
    const allowed: Record<string, readonly unknown[]> = {
      'x-picker': ['team', 'rep', 'lead-field', 'event-type', 'credential'],
      'x-editor': ['expression', 'template'],
      'x-multiline': [true, false],
      'x-port-from': ['label'],
      'x-secret': [true],
    };
    const credentialKinds = new Set(['http_header', 'bearer', 'basic_auth', 'slack_webhook', 'webhook', 'smtp']);
    const found: string[] = [];
    const walk = (schema: unknown, at: string): void => {
      if (typeof schema !== 'object' || schema === null) return;
      for (const [key, value] of Object.entries(schema)) {
        if (key === 'x-credential-kinds') {
          expect(
            Array.isArray(value) && value.every((kind) => credentialKinds.has(kind)),
            `${at}: ${key} = ${String(value)}`,
          ).toBe(true);
          found.push(`${at} ${key}=${String(value)}`);
        } else if (key.startsWith('x-')) {
          expect(allowed[key], `${at}: unknown keyword ${key}`).toBeDefined();
          expect(allowed[key], `${at}: ${key} = ${String(value)}`).toContain(value);
          found.push(`${at} ${key}=${String(value)}`);
        } else walk(value, `${at}/${key}`);
      }
    };
    for (const node of nodeDefinitions) walk(node.configSchema, `${node.type}@${node.version}`);
    expect(found).toContain('branch@1/properties/cases/items/properties/when x-editor=expression');
    expect(found).toContain('notify@2/properties/body x-editor=template');
    expect(found).toContain('assign@2/properties/team x-picker=team');
    expect(found).toContain('notify@2/properties/slackCredential x-picker=credential');
  });
});
