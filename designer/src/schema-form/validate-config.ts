import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { configProblems, type SchemaLike } from '@leadflow/engine/problem-words';
import type { FieldError } from './field-path';
import type { JsonSchema } from './json-schema';

// The same validator class and options as the server's compile (engine/src/compiler/
// schema-validator.ts), so the browser and the server agree on what is valid. Not Ajv2020:
// TypeBox 1.x writes tuples as draft-07 `items: [...]`, which Ajv2020 refuses to compile.
// strict: false makes unknown keywords (x-picker, x-editor) annotations, not errors.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);

// Schemas usually arrive once per node type; the text key also catches a re-fetched copy.
const byObject = new WeakMap<object, ValidateFunction>();
const byText = new Map<string, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  const known = byObject.get(schema);
  if (known) return known;
  const text = JSON.stringify(schema);
  const validate = byText.get(text) ?? ajv.compile(schema);
  byText.set(text, validate);
  byObject.set(schema, validate);
  return validate;
}

/**
 * Checks a node's config against its JSON Schema, as the server's compile does: one
 * `{ path, message }` per problem, `path` relative to the config (`cases[0].when`, `''` for the
 * config itself), the message in the same words the server uses at the field ("the condition
 * is empty", "choose a team"). Pure apart from a cache of compiled schemas.
 */
export function validateConfig(schema: JsonSchema, value: unknown): FieldError[] {
  let validate: ValidateFunction;
  try {
    validate = validatorFor(schema);
  } catch (error) {
    return [{ path: '', message: `this node type's schema cannot be checked here: ${(error as Error).message}` }];
  }
  if (validate(value)) return [];
  return configProblems(schema as SchemaLike, value, validate.errors).map((problem) => ({
    path: problem.path,
    message: problem.phrase,
  }));
}
