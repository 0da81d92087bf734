import { describe, expect, it } from 'vitest';
import { dataSchemaText, describeDataSchema, parseDataSchema, workflowsNamed } from './data-schema-text';

describe('parseDataSchema', () => {
  it('reads nothing as any data, and a schema as itself', () => {
    expect(parseDataSchema('  ')).toEqual({ ok: true, schema: null });
    expect(parseDataSchema('{"type":"object","properties":{"minutes":{"type":"integer"}}}')).toEqual({
      ok: true,
      schema: { type: 'object', properties: { minutes: { type: 'integer' } } },
    });
  });

  it('says in words why it cannot use the text', () => {
    const broken = parseDataSchema('{"type": "object",}');
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(
      /^This is not valid JSON: .+\. Check for a missing comma, quote or bracket\.$/,
    );
    expect(parseDataSchema('[1, 2]')).toEqual({
      ok: false,
      message: expect.stringContaining('A data schema is a JSON object'),
    });
    expect(parseDataSchema('{"type": "string"}')).toEqual({
      ok: false,
      message: 'Its "type" must be "object": an event\'s data is an object, not "string".',
    });
  });
});

describe('describeDataSchema and dataSchemaText', () => {
  it('lists the fields a type carries', () => {
    expect(describeDataSchema(null)).toBe('any data');
    expect(
      describeDataSchema({
        type: 'object',
        properties: { webinarId: { type: 'string' }, minutes: { type: 'integer' } },
        required: ['webinarId'],
      }),
    ).toBe('webinarId (string, required), minutes (integer)');
    expect(dataSchemaText(null)).toBe('');
    expect(dataSchemaText({ type: 'object' })).toBe('{\n  "type": "object"\n}');
  });
});

describe('workflowsNamed', () => {
  it("reads the workflows out of the API's 409 problems", () => {
    expect(
      workflowsNamed([
        "workflow 'inbound' waits for or reads it",
        "workflow 'nurture-2' waits for or reads it",
        'something else',
      ]),
    ).toEqual(['inbound', 'nurture-2']);
  });
});
