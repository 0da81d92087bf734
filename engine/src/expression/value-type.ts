export type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'any';
