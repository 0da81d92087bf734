import { describe, expect, it } from 'vitest';
import { parseDocumentedAnswer, shapeMismatches } from './documented-shape.js';

describe('documented answers in the README', () => {
  it('reads a status and a shape whose … stand for what varies', () => {
    const documented = parseDocumentedAnswer('201 {"id":…, "token":"lf_editor_…", …}; rep tokens need "repId"');
    expect(documented?.status).toBe(201);
    expect(shapeMismatches(documented?.shape, { id: 'a1', token: 'lf_editor_xyz', role: 'editor' })).toEqual([]);
    expect(shapeMismatches(documented?.shape, { id: 'a1', token: 'lf_viewer_xyz' })).toEqual([
      '$.token: "lf_viewer_xyz" is not like "lf_editor_…"',
    ]);
    expect(parseDocumentedAnswer('status, rows, rowsPerSecond')).toBeNull();
  });

  it('holds an object without a … entry to exactly its fields, and nested values to theirs', () => {
    const { shape } =
      parseDocumentedAnswer('{ "ok": true, "owner": { "id": "…", "name": "…" }, "errors": [{ "row": 4 }] }') ?? {};
    expect(shapeMismatches(shape, { ok: true, owner: { id: 'r', name: 'Ava' }, errors: [{ row: 4 }] })).toEqual([]);
    expect(shapeMismatches(shape, { ok: true, owner: null, errors: [{ row: 4 }], extra: 1 })).toEqual([
      '$.owner: null, documented an object',
      '$: fields not documented (add them, or a … entry): extra',
    ]);
    expect(shapeMismatches(shape, { ok: false, owner: { id: 'r', name: 'Ava' }, errors: [] })).toEqual([
      '$.ok: false, documented true',
      '$.errors: 0 items, documented 1',
    ]);
  });
});
