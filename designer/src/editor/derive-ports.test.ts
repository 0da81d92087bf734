import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../schema-form';
import { portSlug, removedPorts, withDerivedPorts } from './derive-ports';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    cases: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          port: { type: 'string', 'x-port-from': 'label' },
          label: { type: 'string' },
          when: { type: 'string' },
        },
      },
    },
  },
};

describe('withDerivedPorts', () => {
  it('derives a port from the label of a case no edge uses yet, following the label while typing', () => {
    const typed = withDerivedPorts(schema, { cases: [{ port: 'case_1', label: 'Germany', when: '' }] }, new Set());
    expect(typed).toEqual({ cases: [{ port: 'germany', label: 'Germany', when: '' }] });
    expect(
      withDerivedPorts(schema, { cases: [{ port: 'germany', label: 'Germany → DACH', when: '' }] }, new Set()),
    ).toEqual({
      cases: [{ port: 'germany_dach', label: 'Germany → DACH', when: '' }],
    });
  });

  it('keeps a port an edge uses when the label changes, so the edge stays', () => {
    const config = { cases: [{ port: 'germany', label: 'Germany and Austria', when: 'x' }] };
    expect(withDerivedPorts(schema, config, new Set(['germany']))).toBe(config);
  });

  it('gives a new case without a label a port by its place, never "default" or a taken one', () => {
    const config = {
      cases: [
        { port: 'default_2', label: 'Default', when: '' },
        { port: '', when: '' },
        { port: 'x', label: 'Default', when: '' },
      ],
    };
    const derived = withDerivedPorts(schema, config, new Set(['default_2'])) as { cases: Array<{ port: string }> };
    expect(derived.cases.map((item) => item.port)).toEqual(['default_2', 'case_2', 'default_3']);
  });

  it('makes port names the compiler accepts', () => {
    expect(portSlug('Tier 1: sales now')).toBe('tier_1_sales_now');
    expect(portSlug('Österreich')).toBe('osterreich');
    expect(portSlug('1st touch')).toBe('p_1st_touch');
  });

  it('tells which ports a removed case took away', () => {
    const before = {
      cases: [
        { port: 'germany', label: 'Germany' },
        { port: 'france', label: 'France' },
      ],
    };
    expect([...removedPorts(schema, before, { cases: [{ port: 'germany', label: 'Germany' }] })]).toEqual(['france']);
    expect([...removedPorts(schema, before, { cases: [...before.cases].reverse() })]).toEqual([]);
  });
});
