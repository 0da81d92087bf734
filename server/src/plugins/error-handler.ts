import { STATUS_CODES } from 'node:http';
import { fieldErrors } from '@leadflow/engine/compiler';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ApiError, type ProblemDetail } from '../errors.js';

const PART: Record<string, string> = { body: '', querystring: 'query', params: 'params', headers: 'headers' };

function send(statusCode: number, code: string, message: string, errors?: ProblemDetail[]) {
  return { statusCode, code, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(errors && { errors }) };
}

/** One error shape for every route: status, code, a sentence naming the field, and the field list. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.status(error.statusCode).send(send(error.statusCode, error.code, error.message, error.errors));
    }
    if (error.validation) {
      const problems = fieldErrors(error.validation as never, PART[error.validationContext ?? 'body'] ?? '');
      const summary = problems
        .slice(0, 3)
        .map((p) => `${p.path || '(request)'} ${p.message}`)
        .join('; ');
      return reply.status(400).send(send(400, 'INVALID_REQUEST', `invalid request: ${summary}`, problems));
    }
    const status = error.statusCode ?? 500;
    if (status < 500) return reply.status(status).send(send(status, error.code ?? 'BAD_REQUEST', error.message));
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send(send(500, 'INTERNAL', 'something went wrong on our side; the error is logged'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(send(404, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));
  });
}
