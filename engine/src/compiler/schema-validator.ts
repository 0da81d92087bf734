import { Ajv, type ValidateFunction } from 'ajv';
import * as addFormatsModule from 'ajv-formats';
import type { TSchema } from 'typebox';

// ajv-formats is CommonJS; under NodeNext its default import is the module object.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv) => Ajv }).default;

const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false });
addFormats(ajv);
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles each schema once (compiling is the slow part of ajv) and reuses the validator. */
export function schemaValidator(schema: TSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
