import type { FastifyInstance } from 'fastify';
import { Errors } from '../errors.js';

/**
 * Where a parsed body holds a key that would reach an object's prototype if the data were ever
 * merged into another object (`__proto__`, or `constructor` holding `prototype`), or null.
 */
export function prototypeKeyPath(value: unknown, path = ''): string | null {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = prototypeKeyPath(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  for (const [key, item] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (
      key === '__proto__' ||
      (key === 'constructor' && item !== null && typeof item === 'object' && 'prototype' in item)
    )
      return here;
    const found = prototypeKeyPath(item, here);
    if (found !== null) return found;
  }
  return null;
}

/**
 * JSON bodies as Fastify reads them, except that a key that could pollute a prototype is a 422
 * naming it, not a 400 saying the (valid) JSON is not JSON: such a body matches a schema that
 * takes any field names (custom fields, node configs, event data), so only a rule refuses it.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '')
      return done(
        Errors.invalidRequest([{ path: '', message: 'the body is empty; send JSON, or no Content-Type' }]),
        undefined,
      );
    let value: unknown;
    try {
      // JSON.parse makes `__proto__` an own property, never the prototype; refused below all the same.
      value = JSON.parse(text);
    } catch (error) {
      return done(
        Errors.invalidRequest([{ path: '', message: `the body is not valid JSON (${(error as Error).message})` }]),
        undefined,
      );
    }
    const path = prototypeKeyPath(value);
    if (path !== null)
      return done(
        Errors.invalidField([
          { path, message: 'is a field name Leadflow does not take (__proto__, or constructor with prototype)' },
        ]),
        undefined,
      );
    done(null, value);
  });
}
