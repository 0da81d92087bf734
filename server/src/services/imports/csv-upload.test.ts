import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { saveUpload } from './csv-upload.js';

const dir = mkdtempSync(path.join(tmpdir(), 'csv-upload-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('saveUpload', () => {
  it('stores the stream, with its hash, size and line count', async () => {
    const chunks = ['email,name\n', 'a@x.com,A\n', 'b@x.com,B'];
    const saved = await saveUpload(Readable.from(chunks.map((c) => Buffer.from(c))), dir, 1024);
    const text = chunks.join('');
    expect(saved).toMatchObject({
      sha256: createHash('sha256').update(text).digest('hex'),
      bytes: text.length,
      lines: 3,
    });
    expect(readFileSync(saved.path, 'utf8')).toBe(text);
  });

  it('refuses a body past the limit and leaves no file behind', async () => {
    const before = readdirSync(dir).length;
    const body = Readable.from([Buffer.alloc(600, 'a'), Buffer.alloc(600, 'b')]);
    await expect(saveUpload(body, dir, 1000)).rejects.toMatchObject({ statusCode: 413, code: 'FILE_TOO_LARGE' });
    expect(readdirSync(dir)).toHaveLength(before);
  });
});
