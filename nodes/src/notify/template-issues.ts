import type { ConfigIssue } from '@leadflow/engine';
import { unknownPlaceholders } from '../shared/template.js';

/** Placeholders in the subject and body that name no lead field, each under its own field. */
export function templateIssues(config: { subject: string; body: string }): ConfigIssue[] {
  return (['subject', 'body'] as const).flatMap((path) =>
    unknownPlaceholders(config[path]).map((name) => ({ path, message: `{{${name}}} is not a lead field` })),
  );
}
