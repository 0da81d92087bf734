import { compileGraph } from '@leadflow/engine/compiler';
import { nodeRegistry } from '@leadflow/nodes';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_TEMPLATES } from './index.js';

describe('workflow templates', () => {
  it.each(WORKFLOW_TEMPLATES.map((template) => [template.id, template] as const))(
    '%s compiles with the real compiler and node library',
    (_id, template) => {
      const result = compileGraph(template.document, nodeRegistry);
      expect(result.ok ? [] : result.errors).toEqual([]);
    },
  );

  it('names every node, so the canvas and every message read in words', () => {
    for (const template of WORKFLOW_TEMPLATES)
      for (const node of template.document.nodes) expect(node.label, `${template.id}/${node.id}`).toBeTruthy();
  });

  it('has unique ids and the four practices from the guides', () => {
    expect(new Set(WORKFLOW_TEMPLATES.map((template) => template.id)).size).toBe(WORKFLOW_TEMPLATES.length);
    expect(WORKFLOW_TEMPLATES.map((template) => template.id)).toEqual([
      'inbound-demo-sla',
      'territory-routing',
      'nurture-recycle',
      'event-follow-up',
    ]);
  });
});
