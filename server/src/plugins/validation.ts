import { Ajv, type Options } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

/** An ajv set up as the routes' validators are; for payloads checked after routing (webhooks). */
export function ajv(options: Options): Ajv {
  // Unknown fields are refused with an error naming them, never silently dropped.
  const instance = new Ajv({ allErrors: true, removeAdditional: false, useDefaults: true, strict: false, ...options });
  addFormats(instance);
  return instance;
}

/**
 * Bodies are JSON and must have the right types as sent (42 is not an email); query strings and
 * path params are text, so only they are coerced ("?tier=1" → 1).
 */
export function registerValidation(app: FastifyInstance): void {
  const strict = ajv({ coerceTypes: false });
  const coercing = ajv({ coerceTypes: 'array' });
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? strict : coercing).compile(schema));
}
