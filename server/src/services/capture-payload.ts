import { fieldErrors } from '@leadflow/engine/compiler';
import type { Static } from 'typebox';
import type { ProblemDetail } from '../errors.js';
import { ajv } from '../plugins/validation.js';
import { CaptureBody } from '../contract/leads.js';

const check = ajv({ coerceTypes: false }).compile(CaptureBody);

/**
 * Checks a lead assembled from a form post or a webhook payload against the same schema as
 * `POST /api/leads`, so every channel refuses the same things with the same field names.
 */
export function captureProblems(value: unknown): ProblemDetail[] {
  return check(value) ? [] : fieldErrors(check.errors);
}

export type CapturePayload = Static<typeof CaptureBody>;
