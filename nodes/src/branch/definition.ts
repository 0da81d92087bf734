import { type ConfigIssue, checkCondition, defineControlNode, evaluateExpression, isTruthy } from '@leadflow/engine';
import { Type } from 'typebox';

export const branchConfigSchema = Type.Object(
  {
    cases: Type.Array(
      Type.Object(
        {
          port: Type.String({
            pattern: '^[a-z][a-z0-9_]*$',
            maxLength: 40,
            title: 'Port',
            description:
              'Name of the output this case leads to; the designer derives it from the label and keeps it when the label changes.',
            'x-port-from': 'label',
          }),
          label: Type.Optional(Type.String({ maxLength: 100, title: 'Label' })),
          when: Type.String({
            minLength: 1,
            maxLength: 1000,
            title: 'Condition',
            description: 'When this holds the lead takes this case, e.g. tier == 1 and country in ["US", "CA"]',
            'x-editor': 'expression',
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 50, title: 'Cases', description: 'Checked in order; the first that holds wins.' },
    ),
  },
  { additionalProperties: false },
);

function validateCases(config: { cases: Array<{ port: string; when: string }> }): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ports = new Set<string>();
  config.cases.forEach((branchCase, i) => {
    if (branchCase.port === 'default')
      issues.push({
        path: `cases[${i}].port`,
        message: "'default' is the port taken when no case holds; name this case differently",
      });
    else if (ports.has(branchCase.port))
      issues.push({ path: `cases[${i}].port`, message: `port '${branchCase.port}' is used by an earlier case` });
    ports.add(branchCase.port);
    for (const message of checkCondition(branchCase.when)) issues.push({ path: `cases[${i}].when`, message });
  });
  return issues;
}

/** Ordered cases over the lead; first match wins, else `default`. Runs in the sandbox: no I/O. */
export const branch = defineControlNode({
  type: 'branch',
  version: 1,
  title: 'Branch',
  category: 'logic',
  icon: '🔀',
  description:
    'Sends the lead down the first case whose condition holds (fields, enrichment, score, tier, owner, status, event counts), else down "default".',
  configSchema: branchConfigSchema,
  defaultConfig: { cases: [] },
  ports: (config) => [
    ...config.cases.map((c) => ({ name: c.port, label: c.label ?? c.port, description: c.when })),
    { name: 'default', label: 'Default' },
  ],
  validate: validateCases,
  summary: (config) =>
    config.cases.length ? config.cases.map((c) => `${c.port}: ${c.when}`).join(' · ') : 'always default',
  run: (config, ctx) => {
    const scope = ctx.lead as unknown as Record<string, unknown>;
    const checked: Array<{ port: string; when: string; result: boolean }> = [];
    for (const branchCase of config.cases) {
      const result = isTruthy(evaluateExpression(branchCase.when, scope));
      checked.push({ port: branchCase.port, when: branchCase.when, result });
      if (result) {
        return {
          port: branchCase.port,
          output: { matched: branchCase.when, checked },
          reason: `case '${branchCase.label ?? branchCase.port}' matched: ${branchCase.when}`,
        };
      }
    }
    return {
      port: 'default',
      output: { matched: null, checked },
      reason: config.cases.length
        ? `no case matched (${checked.map((c) => c.when).join('; ')}); took default`
        : 'no cases; took default',
    };
  },
});
