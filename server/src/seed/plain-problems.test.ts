import { compileGraph, describeNodes } from '@leadflow/engine/compiler';
import { nodeRegistry } from '@leadflow/nodes';
import { describe, expect, it } from 'vitest';
import { inboundWorkflow } from './inbound-workflow.js';

const errorsOf = (document: unknown) => {
  const result = compileGraph(document, nodeRegistry);
  return result.ok ? [] : result.errors;
};

/** The seeded workflow with one field cleared, as a user would: one problem, said in words, and the canvas keeps its ports. */
describe('problems on the seeded workflow', () => {
  it('an empty branch condition is one problem in words, and the case keeps its port', () => {
    const document = structuredClone(inboundWorkflow);
    const route = document.nodes.find((node) => node.id === 'route') as unknown as {
      config: { cases: Array<{ when: string }> };
    };
    (route.config.cases[0] as { when: string }).when = '';
    expect(errorsOf(document)).toEqual([
      {
        nodeId: 'route',
        path: 'config.cases[0].when',
        message: "Branch 'route', case 'Tier 1: sales now': the condition is empty",
        field: 'the condition is empty',
      },
    ]);
    expect(describeNodes(document, nodeRegistry).route?.ports.map((port) => port.name)).toEqual([
      'sales_now',
      'sdr_call',
      'nurture',
      'default',
    ]);
  });

  it('a cleared team says "choose a team" with the node label, and nothing behind the node is reported', () => {
    const document = structuredClone(inboundWorkflow);
    const assign = document.nodes.find((node) => node.id === 'assign') as {
      label?: string;
      config: Record<string, unknown>;
    };
    assign.label = 'Assign DACH';
    assign.config.team = '';
    expect(errorsOf(document).map((problem) => problem.message)).toEqual(['Assign DACH: choose a team']);
  });

  it('never says a JSON path, ajv wording or a bare node id', () => {
    const document = structuredClone(inboundWorkflow);
    const notify = document.nodes.find((node) => node.id === 'alert-owner') as { config: Record<string, unknown> };
    notify.config.channels = ['pager'];
    delete notify.config.subject;
    document.edges = document.edges.filter((edge) => edge.id !== 'e-timeout');
    const messages = errorsOf(document).map((problem) => problem.message);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) expect(message).not.toMatch(/config\.|\[\d+\]|must NOT|must match|should|^node '/);
  });
});
