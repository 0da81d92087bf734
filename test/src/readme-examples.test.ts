/**
 * Every example in README.md, run against the real stack — the seeded example (workflow
 * `inbound`, team `inbound`, account acme.com) with a worker, on Postgres and Temporal — and its
 * documented output compared with what the API answers. The README is read when the test runs,
 * so an example added later is checked as well. The README follows these conventions:
 *
 * - ```sh blocks run, statement by statement, in bash, in order through the whole file (variables
 *   a block sets stay set): `localhost:3000` and `127.0.0.1:3000` are the test's server, and
 *   `.data/admin-token` holds its admin token. A statement is a `curl` command or a variable
 *   assignment; anything else (npm …) needs a skip marker.
 * - `# → [status] {shape}`, at the end of a command or on the line after it, is its documented
 *   answer: the status (not given: any 2xx) and a JSON shape where `…` is what varies — `"…"` any
 *   value, `"pk_…"` a string that starts so, a bare `…` entry "and other fields" (without one the
 *   object has exactly the fields shown). Reads (GET) are repeated until they match or 30 s pass:
 *   a lead's run goes on after its capture has answered. Other comments are notes.
 * - A placeholder in a statement is filled from the answers before it: `<id>` the latest id (a
 *   capture's lead id), `pk_…` / `whsec_…` the latest value that starts so.
 * - A block whose info string names a file (```csv leads.csv) is written to that file first.
 * - After a block that reads a lead's `/history`, the paragraph's `node` "reason" pairs are that
 *   step's reasons, and `node` waiting says the lead waits there.
 * - `<!-- readme-test: skip (why) -->` before a block: not run, for the reason given (it needs a
 *   fresh machine, or minutes). `<!-- readme-test: npm start prints -->` before a plain block: its
 *   lines are lines `npm start` prints (server/src/cli/start-banner.ts), in order.
 * - Plain (or ```text) blocks are illustrations; other languages must be run or skipped.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { seedExample, startBanner } from '@leadflow/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocumentedAnswer, shapeMismatches, wildcardPattern } from './support/documented-shape.js';
import { readmeBlocks, type ReadmeBlock, type Statement, statementsOf } from './support/readme-blocks.js';
import { startTestStack, type TestStack } from './support/test-stack.js';

const run = promisify(execFile);
const README = fileURLToPath(new URL('../../README.md', import.meta.url));
const blocks = readmeBlocks(await readFile(README, 'utf8'));
const RETRY_MS = 30_000;

interface Answer {
  status: number;
  body: unknown;
}

describe('README examples', () => {
  let stack: TestStack;
  let workDir: string;
  /** Variable assignments so far, replayed before each command (`t=$(date +%s)` is fresh each time). */
  const prelude: string[] = [];
  const answers: unknown[] = [];

  beforeAll(async () => {
    stack = await startTestStack();
    await seedExample(stack.services);
    workDir = await mkdtemp(path.join(tmpdir(), 'leadflow-readme-'));
    await mkdir(path.join(workDir, '.data'));
    await writeFile(path.join(workDir, '.data/admin-token'), `${stack.token}\n`);
  });
  afterAll(async () => {
    await stack?.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  /** The latest value in the answers so far that `pick` finds. */
  const latest = (pick: (answer: any) => unknown, what: string): string => {
    for (const answer of [...answers].reverse()) {
      const value = pick(answer);
      if (typeof value === 'string') return value;
    }
    throw new Error(`no answer so far holds ${what}`);
  };
  const deepStrings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(deepStrings)
        : [];

  /** The statement with the test's server, and its placeholders filled from the answers before it. */
  const resolve = (text: string): string => {
    const { host } = new URL(stack.baseUrl);
    return text
      .replace(/(?:localhost|127\.0\.0\.1):3000/g, host)
      .replace(/<id>/g, () => latest((a) => a?.id ?? a?.lead?.id ?? a?.leadId, 'an id'))
      .replace(/\b([a-z]+_)…/g, (_match, prefix: string) =>
        latest((a) => deepStrings(a).find((s) => s.startsWith(prefix)), `a value starting ${prefix}`),
      );
  };

  const curl = async (command: string): Promise<Answer> => {
    const script = [...prelude, `${command} -w '\\n%{http_code}'`].join('\n');
    const { stdout } = await run('bash', ['-c', script], { cwd: workDir, timeout: 60_000 });
    const cut = stdout.lastIndexOf('\n');
    const text = stdout.slice(0, cut);
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: compared as text.
    }
    return { status: Number(stdout.slice(cut + 1)), body };
  };

  const problemsOf = (answer: Answer, statement: Statement): string[] => {
    const documented = statement.documented === undefined ? null : parseDocumentedAnswer(statement.documented);
    const status = documented?.status ?? null;
    const problems =
      status !== null
        ? answer.status === status
          ? []
          : [`status ${answer.status}, documented ${status}`]
        : answer.status >= 200 && answer.status < 300
          ? []
          : [`status ${answer.status}`];
    if (documented?.shape !== undefined) problems.push(...shapeMismatches(documented.shape, answer.body));
    return problems;
  };

  const isRead = (command: string): boolean => !/\s-X\s+(?!GET)|\s(-d|--data\S*)\s/.test(` ${command} `);

  /** Runs a command; a read that does not match yet is asked again until it does or time is up. */
  const runCommand = async (statement: Statement, check: (answer: Answer) => string[]): Promise<Answer> => {
    const command = resolve(statement.text);
    const deadline = Date.now() + RETRY_MS;
    for (;;) {
      const answer = await curl(command);
      const problems = check(answer);
      if (problems.length === 0) return answer;
      if (!isRead(command) || Date.now() > deadline) {
        throw new Error(
          `README line ${statement.line}: ${statement.text}\n  ${problems.join('\n  ')}\n  answer: ${JSON.stringify(answer.body).slice(0, 1500)}`,
        );
      }
      await new Promise((done) => setTimeout(done, 250));
    }
  };

  const runBlock = async (block: ReadmeBlock): Promise<void> => {
    let history: Statement | undefined;
    for (const statement of statementsOf(block)) {
      if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(statement.text)) {
        prelude.push(resolve(statement.text));
        continue;
      }
      if (!statement.text.startsWith('curl ')) {
        throw new Error(
          `README line ${statement.line}: '${statement.text}' is not a curl command or an assignment; mark the block <!-- readme-test: skip (why) -->`,
        );
      }
      const answer = await runCommand(statement, (candidate) => problemsOf(candidate, statement));
      answers.push(answer.body);
      if (/\/history\b/.test(statement.text)) history = statement;
    }
    if (history) await checkHistoryProse(history, block.after);
  };

  /** `node` "reason" and `node` waiting in the paragraph after a block that read a lead's history. */
  const checkHistoryProse = async (statement: Statement, paragraph: string): Promise<void> => {
    const reasons = [...paragraph.matchAll(/`([\w-]+)`\s+"([^"]+)"/g)].map(([, node, reason]) => ({
      node: node as string,
      reason: reason as string,
    }));
    const waiting = /`([\w-]+)`\s+waiting\b/.exec(paragraph)?.[1];
    expect(
      reasons.length,
      `README line ${statement.line}: the paragraph after it quotes no step reasons`,
    ).toBeGreaterThan(0);
    await runCommand(statement, (answer) => {
      const body = answer.body as {
        steps?: Array<{ nodeId: string; reason: string | null }>;
        waiting?: { nodeId?: string } | null;
      };
      const problems = reasons.flatMap(({ node, reason }) => {
        const step = body.steps?.findLast((candidate) => candidate.nodeId === node);
        return step && wildcardPattern(reason).test(step.reason ?? '')
          ? []
          : [`step ${node}: reason ${JSON.stringify(step?.reason ?? null)}, documented "${reason}"`];
      });
      if (waiting !== undefined && body.waiting?.nodeId !== waiting)
        problems.push(`waits at ${body.waiting?.nodeId ?? 'nothing'}, documented ${waiting}`);
      return problems;
    });
  };

  const checkStartOutput = (block: ReadmeBlock): void => {
    const printed = startBanner({
      url: 'http://127.0.0.1:3000',
      token: 'lf_example',
      temporalAddress: '127.0.0.1:7233',
      temporalUiUrl: 'http://127.0.0.1:8233',
      data: '/home/you/leadflow/.data',
      seeded: true,
    }).split('\n');
    const squash = (line: string) => line.trim().replace(/\s+/g, ' ');
    let at = 0;
    for (const line of block.body.map(squash).filter((text) => text !== '' && text !== '…')) {
      const found = printed.findIndex(
        (candidate, index) => index >= at && wildcardPattern(line).test(squash(candidate)),
      );
      expect(
        found,
        `README line ${block.line}: "${line}" is not (in this order) a line npm start prints:\n${printed.join('\n')}`,
      ).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  };

  it('reads the README: every block is run, checked, or skipped with a reason', () => {
    expect(blocks.filter((block) => block.kind === 'run').length).toBeGreaterThanOrEqual(8);
    for (const block of blocks.filter((candidate) => candidate.kind === 'skip'))
      expect(block.skipReason?.trim()).toBeTruthy();
  });

  for (const block of blocks) {
    if (block.kind === 'skip' || block.kind === 'illustration') continue;
    const what =
      block.kind === 'run'
        ? statementsOf(block)
            .find((statement) => statement.text.startsWith('curl'))
            ?.text.slice(0, 90)
        : block.info || block.kind;
    it(`README line ${block.line}: ${what}`, async () => {
      if (block.kind === 'file')
        await writeFile(path.join(workDir, block.fileName as string), `${block.body.join('\n')}\n`);
      else if (block.kind === 'npm-start-output') checkStartOutput(block);
      else await runBlock(block);
    });
  }
});
