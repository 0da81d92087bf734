import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';

// Two optional lists: chips of plain values and repeatable groups, the two fields ListShell draws.
const schema: JsonSchema = {
  type: 'object',
  properties: {
    skills: { type: 'array', title: 'Skills', items: { type: 'string' } },
    steps: { type: 'array', title: 'Steps', items: { type: 'object', properties: { name: { type: 'string' } } } },
  },
};

function render(value: unknown): string {
  return renderToStaticMarkup(
    <SchemaForm
      idPrefix="n"
      schema={schema}
      value={value}
      onChange={() => {}}
      pickers={{ teams: [], reps: [], leadFields: [] }}
    />,
  );
}

describe('ListShell, through the list and array fields', () => {
  it('says "Not set" for an absent list, with nothing to clear', () => {
    const html = render({});
    expect(html.match(/<p class="sf-empty">Not set<\/p>/g)).toHaveLength(2);
    expect(html).not.toContain('aria-label="Clear Skills"');
    expect(html).not.toContain('aria-label="Clear Steps"');
  });

  it("says each field's own word for a set but empty list, and offers to clear it", () => {
    const html = render({ skills: [], steps: [] });
    expect(html).toContain('<p class="sf-empty">None</p>');
    expect(html).toContain('<p class="sf-empty">None yet</p>');
    expect(html).toContain('aria-label="Clear Skills"');
    expect(html).toContain('aria-label="Clear Steps"');
  });

  it('shows the items in place of the note, then the add controls', () => {
    const html = render({ skills: ['german'], steps: [{ name: 'call' }] });
    expect(html).not.toContain('sf-empty');
    expect(html).toMatch(/<ul class="sf-chips">.*german.*<\/ul><div class="sf-add-row">/);
    expect(html).toMatch(
      /<ol class="sf-items">.*<\/ol><button type="button" class="sf-button"[^>]*aria-label="Add step to Steps"/,
    );
  });
});
