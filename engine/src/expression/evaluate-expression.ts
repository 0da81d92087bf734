import type jsep from 'jsep';
import { EXPRESSION_FUNCTIONS } from './expression-functions.js';
import { parseExpression, type ExpressionNode } from './parse-expression.js';

type Scope = Readonly<Record<string, unknown>>;

const cache = new Map<string, ExpressionNode>();

/** Evaluates a (compile-checked) expression over a scope by walking its AST. Missing fields read as null. */
export function evaluateExpression(source: string, scope: Scope): unknown {
  let ast = cache.get(source);
  if (!ast) {
    ast = parseExpression(source);
    cache.set(source, ast);
  }
  return evaluate(ast, scope);
}

export function isTruthy(value: unknown): boolean {
  return value !== null && value !== undefined && value !== false && value !== 0 && value !== '';
}

function looseEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function evaluate(node: ExpressionNode, scope: Scope): unknown {
  switch (node.type) {
    case 'Literal':
      return (node as jsep.Literal).value;
    case 'Identifier':
      return scope[(node as jsep.Identifier).name] ?? null;
    case 'MemberExpression': {
      const member = node as jsep.MemberExpression;
      const object = evaluate(member.object, scope);
      const key = (member.property as jsep.Identifier).name;
      if (object === null || typeof object !== 'object') return null;
      if (!Object.prototype.hasOwnProperty.call(object, key))
        return (member.object as jsep.Identifier).name === 'events' ? 0 : null;
      return (object as Record<string, unknown>)[key] ?? null;
    }
    case 'ArrayExpression':
      return (node as jsep.ArrayExpression).elements.map((element) => (element ? evaluate(element, scope) : null));
    case 'UnaryExpression': {
      const unary = node as jsep.UnaryExpression;
      const value = evaluate(unary.argument, scope);
      if (unary.operator === '!' || unary.operator === 'not') return !isTruthy(value);
      if (unary.operator === '-') return -Number(value);
      return Number(value);
    }
    case 'BinaryExpression':
      return evaluateBinary(node as jsep.BinaryExpression, scope);
    case 'ConditionalExpression': {
      const conditional = node as jsep.ConditionalExpression;
      return isTruthy(evaluate(conditional.test, scope))
        ? evaluate(conditional.consequent, scope)
        : evaluate(conditional.alternate, scope);
    }
    case 'CallExpression': {
      const call = node as jsep.CallExpression;
      const fn = EXPRESSION_FUNCTIONS[(call.callee as jsep.Identifier).name];
      if (!fn) throw new Error(`unknown function ${(call.callee as jsep.Identifier).name}`);
      return fn.call(...call.arguments.map((argument) => evaluate(argument, scope)));
    }
    default:
      throw new Error(`'${node.type}' is not allowed in an expression`);
  }
}

function evaluateBinary(node: jsep.BinaryExpression, scope: Scope): unknown {
  const op = node.operator;
  if (op === '&&' || op === 'and') return isTruthy(evaluate(node.left, scope)) && isTruthy(evaluate(node.right, scope));
  if (op === '||' || op === 'or') return isTruthy(evaluate(node.left, scope)) || isTruthy(evaluate(node.right, scope));
  const left = evaluate(node.left, scope);
  const right = evaluate(node.right, scope);
  switch (op) {
    case '==':
    case '===':
      return looseEqual(left, right);
    case '!=':
    case '!==':
      return !looseEqual(left, right);
    case 'in':
      return Array.isArray(right) && right.some((item) => looseEqual(left, item));
    case '<':
    case '<=':
    case '>':
    case '>=': {
      // A missing value is never greater or smaller than anything: no lead qualifies on absent data.
      if (left === null || right === null) return false;
      if (op === '<') return (left as number) < (right as number);
      if (op === '<=') return (left as number) <= (right as number);
      if (op === '>') return (left as number) > (right as number);
      return (left as number) >= (right as number);
    }
    case '+':
      return typeof left === 'string' || typeof right === 'string'
        ? `${left ?? ''}${right ?? ''}`
        : Number(left) + Number(right);
    case '-':
      return Number(left) - Number(right);
    case '*':
      return Number(left) * Number(right);
    case '/':
      return Number(right) === 0 ? null : Number(left) / Number(right);
    case '%':
      return Number(right) === 0 ? null : Number(left) % Number(right);
    default:
      throw new Error(`operator '${op}' is not allowed`);
  }
}
