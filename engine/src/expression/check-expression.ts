import type jsep from 'jsep';
import { LEAD_FIELDS, type FieldType } from '../lead/lead-context.js';
import { EXPRESSION_FUNCTIONS } from './expression-functions.js';
import { ExpressionSyntaxError, parseExpression, type ExpressionNode } from './parse-expression.js';
import type { ValueType } from './value-type.js';

export interface ExpressionCheck {
  type: ValueType;
  errors: string[];
}

const COMPARISON = new Set(['==', '!=', '===', '!==']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const LOGICAL = new Set(['&&', '||', 'and', 'or']);
const ARITHMETIC = new Set(['-', '*', '/', '%']);

function fromField(type: FieldType): ValueType {
  return type === 'object' ? 'any' : type;
}

function compatible(a: ValueType, b: ValueType): boolean {
  return a === b || a === 'any' || b === 'any' || a === 'null' || b === 'null';
}

/**
 * Parses and type-checks an expression against the lead's fields, so a typo or a string
 * compared with a number is a compile error on the node, not a surprise at run time.
 */
export function checkExpression(
  source: string,
  fields: Readonly<Record<string, FieldType>> = LEAD_FIELDS,
): ExpressionCheck {
  let ast: ExpressionNode;
  try {
    ast = parseExpression(source);
  } catch (error) {
    const message = error instanceof ExpressionSyntaxError ? error.message : String(error);
    return { type: 'any', errors: [`syntax error: ${message}`] };
  }
  const errors: string[] = [];
  const type = typeOf(ast, fields, errors);
  return { type, errors };
}

/** A condition must produce a boolean. */
export function checkCondition(source: string, fields?: Readonly<Record<string, FieldType>>): string[] {
  const { type, errors } = checkExpression(source, fields);
  if (errors.length === 0 && type !== 'boolean' && type !== 'any') {
    errors.push(`condition must be true or false, but this expression gives a ${type}`);
  }
  return errors;
}

function typeOf(node: ExpressionNode, fields: Readonly<Record<string, FieldType>>, errors: string[]): ValueType {
  switch (node.type) {
    case 'Literal': {
      const value = (node as jsep.Literal).value;
      if (value === null) return 'null';
      if (typeof value === 'number') return 'number';
      if (typeof value === 'string') return 'string';
      if (typeof value === 'boolean') return 'boolean';
      errors.push(`unsupported literal ${String((node as jsep.Literal).raw)}`);
      return 'any';
    }
    case 'Identifier': {
      const name = (node as jsep.Identifier).name;
      const field = fields[name];
      if (!field) {
        errors.push(`unknown field '${name}'; known fields: ${Object.keys(fields).join(', ')}`);
        return 'any';
      }
      return fromField(field);
    }
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      if (member.computed || member.object.type !== 'Identifier' || member.property.type !== 'Identifier') {
        errors.push('only field.name access is allowed (e.g. events.contacted, custom.budget)');
        return 'any';
      }
      const objectName = (member.object as jsep.Identifier).name;
      if (objectName === 'events') return 'number';
      if (objectName === 'custom') return 'any';
      errors.push(`'${objectName}' has no fields; use events.<type> or custom.<name>`);
      return 'any';
    }
    case 'ArrayExpression': {
      for (const element of (node as jsep.ArrayExpression).elements) if (element) typeOf(element, fields, errors);
      return 'array';
    }
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const operand = typeOf(unary.argument, fields, errors);
      if (unary.operator === '!' || unary.operator === 'not') return 'boolean';
      if (unary.operator === '-' || unary.operator === '+') {
        if (!compatible(operand, 'number')) errors.push(`'${unary.operator}' needs a number, got ${operand}`);
        return 'number';
      }
      errors.push(`operator '${unary.operator}' is not allowed`);
      return 'any';
    }
    case 'BinaryExpression': {
      const binary = node as jsep.BinaryExpression;
      const left = typeOf(binary.left, fields, errors);
      const right = typeOf(binary.right, fields, errors);
      const op = binary.operator;
      if (COMPARISON.has(op)) {
        if (!compatible(left, right)) errors.push(`cannot compare ${left} with ${right} using '${op}'`);
        return 'boolean';
      }
      if (ORDERING.has(op)) {
        const ok =
          (compatible(left, 'number') && compatible(right, 'number')) ||
          (compatible(left, 'string') && compatible(right, 'string'));
        if (!ok || left === 'boolean' || right === 'boolean')
          errors.push(`cannot order ${left} and ${right} using '${op}'`);
        return 'boolean';
      }
      if (LOGICAL.has(op)) return 'boolean';
      if (op === 'in') {
        if (right !== 'array' && right !== 'any')
          errors.push(`'in' needs a list on its right, e.g. country in ["US", "CA"]`);
        return 'boolean';
      }
      if (op === '+') {
        if (left === 'string' || right === 'string') return 'string';
        if (!compatible(left, 'number') || !compatible(right, 'number')) errors.push(`cannot add ${left} and ${right}`);
        return 'number';
      }
      if (ARITHMETIC.has(op)) {
        if (!compatible(left, 'number') || !compatible(right, 'number'))
          errors.push(`'${op}' needs numbers, got ${left} and ${right}`);
        return 'number';
      }
      errors.push(`operator '${op}' is not allowed`);
      return 'any';
    }
    case 'ConditionalExpression': {
      const conditional = node as jsep.ConditionalExpression;
      typeOf(conditional.test, fields, errors);
      const a = typeOf(conditional.consequent, fields, errors);
      const b = typeOf(conditional.alternate, fields, errors);
      return a === b ? a : 'any';
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      if (call.callee.type !== 'Identifier') {
        errors.push('only plain function calls are allowed, e.g. contains(title, "VP")');
        return 'any';
      }
      const name = (call.callee as jsep.Identifier).name;
      const fn = EXPRESSION_FUNCTIONS[name];
      if (!fn) {
        errors.push(`unknown function '${name}'; available: ${Object.keys(EXPRESSION_FUNCTIONS).join(', ')}`);
        return 'any';
      }
      if (call.arguments.length !== fn.params.length) {
        errors.push(`${name}() takes ${fn.params.length} argument(s), got ${call.arguments.length}`);
      }
      call.arguments.forEach((argument, i) => {
        const actual = typeOf(argument, fields, errors);
        const expected = fn.params[i];
        if (expected && expected !== 'any' && !compatible(actual, expected)) {
          errors.push(`argument ${i + 1} of ${name}() must be a ${expected}, got ${actual}`);
        }
      });
      return fn.returns;
    }
    default:
      errors.push(`'${node.type}' is not allowed in an expression`);
      return 'any';
  }
}
