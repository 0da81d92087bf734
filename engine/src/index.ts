/**
 * @leadflow/engine — sandbox-safe core: the node contract, the graph document, the expression
 * language and the lead model. Node-only parts live behind `./compiler`, `./worker` and `./db`.
 */
export * from './definition/node-definition.js';
export { defineActivityNode, defineControlNode } from './definition/define-node.js';
export { NodeRegistry } from './definition/node-registry.js';
export { REDACTED, redactSecrets } from './definition/redact-secrets.js';
export * from './graph/graph-document.js';
export type { Plan, PlanNode } from './graph/plan.js';
export * from './lead/lead-context.js';
export type { LeadEvent } from './lead/lead-event.js';
export {
  CREDENTIAL_KIND_NAMES,
  CREDENTIAL_KINDS,
  type CredentialKind,
  type CredentialSecret,
  HTTP_AUTH_KINDS,
} from './credentials/credential-kinds.js';
export { checkCondition, checkExpression, type ExpressionCheck } from './expression/check-expression.js';
export { evaluateExpression, isTruthy } from './expression/evaluate-expression.js';
export { EXPRESSION_FUNCTIONS } from './expression/expression-functions.js';
export type { ValueType } from './expression/value-type.js';
