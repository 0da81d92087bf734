import type { ValueType } from './value-type.js';

export interface ExpressionFunction {
  params: readonly ValueType[];
  returns: ValueType;
  call(...args: unknown[]): unknown;
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value));

/** The only functions an expression may call. Each is total: bad input gives a value, not a throw. */
export const EXPRESSION_FUNCTIONS: Readonly<Record<string, ExpressionFunction>> = {
  contains: {
    params: ['string', 'string'],
    returns: 'boolean',
    call: (haystack, needle) => text(haystack).toLowerCase().includes(text(needle).toLowerCase()),
  },
  startsWith: {
    params: ['string', 'string'],
    returns: 'boolean',
    call: (value, prefix) => text(value).toLowerCase().startsWith(text(prefix).toLowerCase()),
  },
  endsWith: {
    params: ['string', 'string'],
    returns: 'boolean',
    call: (value, suffix) => text(value).toLowerCase().endsWith(text(suffix).toLowerCase()),
  },
  lower: { params: ['string'], returns: 'string', call: (value) => text(value).toLowerCase() },
  upper: { params: ['string'], returns: 'string', call: (value) => text(value).toUpperCase() },
  length: { params: ['string'], returns: 'number', call: (value) => text(value).length },
  isSet: {
    params: ['any'],
    returns: 'boolean',
    call: (value) => value !== null && value !== undefined && value !== '',
  },
};
