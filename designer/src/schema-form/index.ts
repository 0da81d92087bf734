/**
 * The node config form, generated from the node type's JSON Schema. The designer's side panel
 * renders `SchemaForm`; the pure parts (validation, error mapping, paths) are exported for the
 * canvas's error badges and tests.
 */
export { SchemaForm, type SchemaFormProps } from './schema-form';
export type { CredentialChoice, Pickers } from './form-context';
export type { LeadFieldOption } from './insert-text';
export type { EditorKind, FieldKind, JsonSchema, JsonType, PickerKind } from './json-schema';
export { fieldKind, humanise, labelOf, unwrapNullable } from './json-schema';
export {
  childPath,
  describeRelative,
  type FieldError,
  fieldId,
  type FieldPath,
  isWithin,
  parentPath,
  pointerToPath,
} from './field-path';
export { validateConfig } from './validate-config';
export {
  type CompileErrorLike,
  countErrorsWithin,
  type ErrorMap,
  errorsByPath,
  serverErrorsForNode,
} from './errors-by-path';
export { knownPaths } from './known-paths';
export { defaultFor, summarise } from './schema-defaults';
