import { type ConfigIssue, defineControlNode } from '@leadflow/engine';
import { type Static, Type } from 'typebox';
import { splitBucket } from './bucket.js';

export const splitConfigSchema = Type.Object(
  {
    variants: Type.Array(
      Type.Object(
        {
          port: Type.String({
            pattern: '^[a-z][a-z0-9_]*$',
            maxLength: 40,
            title: 'Port',
            description:
              'Name of the output this variant leads to; the designer derives it from the label and keeps it when the label changes.',
            'x-port-from': 'label',
          }),
          label: Type.Optional(Type.String({ maxLength: 100, title: 'Label' })),
          percent: Type.Integer({
            minimum: 0,
            maximum: 100,
            title: 'Percent',
            description: 'Share of leads sent this way; all variants add up to 100.',
          }),
        },
        { additionalProperties: false },
      ),
      {
        minItems: 2,
        maxItems: 10,
        title: 'Variants',
        description: 'Each lead gets one variant, the same one every time.',
      },
    ),
    salt: Type.Optional(
      Type.String({
        maxLength: 100,
        title: 'Salt',
        description:
          "Mixed into the hash. Empty: the node's id, so two splits in a graph are independent. Give two splits the same salt to send each lead the same way in both.",
      }),
    ),
  },
  { additionalProperties: false },
);

export type SplitConfig = Static<typeof splitConfigSchema>;
type Variant = SplitConfig['variants'][number];

function validateSplit(config: SplitConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const ports = new Set<string>();
  config.variants.forEach((variant, i) => {
    if (ports.has(variant.port))
      issues.push({ path: `variants[${i}].port`, message: `port '${variant.port}' is used by an earlier variant` });
    ports.add(variant.port);
  });
  const total = config.variants.reduce((sum, variant) => sum + variant.percent, 0);
  if (total !== 100)
    issues.push({ path: 'variants', message: `percentages add up to ${total}; they must add up to 100` });
  return issues;
}

/** The variant whose slice of 0–99 holds `bucket`; slices follow the variants' order. */
function variantFor(variants: readonly Variant[], bucket: number): Variant | undefined {
  let upTo = 0;
  for (const variant of variants) {
    upTo += variant.percent;
    if (bucket < upTo) return variant;
  }
  return undefined;
}

function nameOf(variant: Variant): string {
  return `${variant.label ?? variant.port} (${variant.percent}%)`;
}

/** Deterministic A/B/n split: the lead's id, hashed, picks the variant. Runs in the sandbox: no I/O, no randomness. */
export const split = defineControlNode({
  type: 'split',
  version: 1,
  title: 'Split',
  category: 'logic',
  icon: '🎲',
  description:
    'Sends each lead down one of several variants by percentage (A/B tests of sequences, offers or routing). A lead always gets the same variant: it comes from a hash of the lead id, not a coin toss.',
  configSchema: splitConfigSchema,
  defaultConfig: {
    variants: [
      { port: 'a', label: 'A', percent: 50 },
      { port: 'b', label: 'B', percent: 50 },
    ],
  },
  ports: (config) =>
    config.variants.map((variant) => ({
      name: variant.port,
      label: variant.label ?? variant.port,
      description: `${variant.percent}% of leads`,
    })),
  validate: validateSplit,
  summary: (config) =>
    config.variants.map((variant) => `${variant.label ?? variant.port} ${variant.percent}%`).join(' / '),
  run: (config, ctx) => {
    // Defaulting the salt to the node id keeps two unsalted splits in one graph from
    // sending the same leads the same way.
    const salt = config.salt || ctx.nodeId;
    const bucket = splitBucket(ctx.leadId, salt);
    // Validation guarantees 100%; the last variant is a guard for a config that skipped it.
    const variant = variantFor(config.variants, bucket) ?? (config.variants[config.variants.length - 1] as Variant);
    return {
      port: variant.port,
      output: { bucket, salt, variant: variant.port },
      reason: `bucket ${bucket} of 0–99 falls in variant ${nameOf(variant)}`,
    };
  },
});
