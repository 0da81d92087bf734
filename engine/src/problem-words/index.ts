/**
 * Problems in a person's words, shared by the compiler, the server and the designer: node
 * labels and schema field titles, never JSON paths, validator wording or ids. Pure (no ajv at
 * run time), so the designer bundles it.
 */
export { configProblems, issueProblem, type ConfigProblem } from './config-problems.js';
export { fieldTitle, placeField, singular, withArticle, type FieldPlace } from './field-words.js';
export { nodeName, portName, sentence } from './node-words.js';
export { pruneUnions } from './prune-unions.js';
export { childSchema, type SchemaLike, type Segment, splitPath, valueAt } from './schema-at.js';
