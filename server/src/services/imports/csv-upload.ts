import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Errors } from '../../errors.js';

/** An uploaded file on local disk, with what was learned while it streamed in. */
export interface SavedUpload {
  path: string;
  sha256: string;
  bytes: number;
  /** Lines in the file (a last line without a newline counts); rows = lines − header, barring multi-line fields. */
  lines: number;
}

/** Hashes, counts and caps the bytes that pass through it. */
class UploadMeter extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  newlines = 0;
  lastByte = -1;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) return callback(Errors.fileTooLarge(this.maxBytes));
    this.hash.update(chunk);
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) this.newlines++;
    if (chunk.length > 0) this.lastByte = chunk[chunk.length - 1] as number;
    callback(null, chunk);
  }
}

/**
 * Streams a request body to a file of its own under `dir`, never holding more than a chunk in
 * memory, and hashes it on the way (the hash keys the import's rows). A body past `maxBytes`, or
 * one the client abandons, leaves no file behind.
 */
export async function saveUpload(body: Readable, dir: string, maxBytes: number): Promise<SavedUpload> {
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${randomUUID()}.csv`);
  const meter = new UploadMeter(maxBytes);
  try {
    await pipeline(body, meter, createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    await rm(file, { force: true });
    throw error;
  }
  const lines = meter.newlines + (meter.bytes > 0 && meter.lastByte !== 0x0a ? 1 : 0);
  return { path: file, sha256: meter.hash.digest('hex'), bytes: meter.bytes, lines };
}
