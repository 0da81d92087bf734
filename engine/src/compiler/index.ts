export { compileGraph, type CompileOptions, type CompileResult } from './compile-graph.js';
export type { CompileError } from './compile-error.js';
export { canonicalJson, contentHash } from './content-hash.js';
export { fieldErrors, pointerToPath, type FieldError } from './ajv-errors.js';
export { schemaValidator } from './schema-validator.js';
export { describeNodes, type NodeDescription } from './describe-nodes.js';
