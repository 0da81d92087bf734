import { readdirSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export const HISTORY_FIXTURES = new URL('../../fixtures/histories/', import.meta.url);

/** Every recorded history, by `<release>/<scenario>`: one folder per release (see test/record/). */
export function historyCorpus(): Array<{ name: string; json: { events: Array<Record<string, any>> } }> {
  return readdirSync(HISTORY_FIXTURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.json(\.gz)?$/.test(file))
    .sort()
    .map((file) => {
      const raw = readFileSync(new URL(file, HISTORY_FIXTURES));
      return {
        name: file.replace(/\.json(\.gz)?$/, ''),
        json: JSON.parse((file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')),
      };
    });
}
