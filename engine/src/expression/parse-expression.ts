import jsep from 'jsep';

// Word operators read better to RevOps than symbols; registering them is a pure, one-time setup.
jsep.addBinaryOp('in', 7);
jsep.addBinaryOp('and', 2);
jsep.addBinaryOp('or', 1);
jsep.addUnaryOp('not');

export type ExpressionNode = jsep.Expression;

export class ExpressionSyntaxError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'ExpressionSyntaxError';
  }
}

/** Parses with jsep into an AST that `evaluateExpression` walks: no `eval`, no `Function`. */
export function parseExpression(source: string): ExpressionNode {
  if (source.trim() === '') throw new ExpressionSyntaxError('expression is empty', 0);
  try {
    return jsep(source);
  } catch (error) {
    const { description, index } = error as { description?: string; index?: number; message: string };
    const at = typeof index === 'number' ? index : 0;
    throw new ExpressionSyntaxError(`${description ?? (error as Error).message} at character ${at + 1}`, at);
  }
}
