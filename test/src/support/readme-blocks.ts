/**
 * README.md read as a list of code blocks and what the test must do with each (see
 * readme-examples.test.ts for the conventions).
 */
export type BlockKind = 'run' | 'file' | 'npm-start-output' | 'skip' | 'illustration';

export interface ReadmeBlock {
  /** Line of the opening fence, 1-based. */
  line: number;
  kind: BlockKind;
  info: string;
  /** The file a `file` block is written to. */
  fileName?: string;
  skipReason?: string;
  body: string[];
  /** The paragraph right after the block, joined into one line. */
  after: string;
}

export interface Statement {
  /** The shell text, continuation lines joined, comments removed. */
  text: string;
  /** What `# →` says the command answers (the same line's end, or the next comment line). */
  documented?: string;
  line: number;
}

const MARKER = /^<!--\s*readme-test:\s*(.*?)\s*-->$/;
const RUNNABLE = new Set(['sh', 'bash', 'shell']);

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(.*)$/.exec(lines[i] as string);
    if (!fence) continue;
    const info = (fence[1] ?? '').trim();
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] as string).startsWith('```'); i++) body.push(lines[i] as string);
    const marker = MARKER.exec(previousNonBlank(lines, start) ?? '')?.[1];
    blocks.push({
      line: start + 1,
      info,
      body,
      after: paragraphAfter(lines, i + 1),
      ...classify(info, marker, start + 1),
    });
  }
  return blocks;
}

function classify(
  info: string,
  marker: string | undefined,
  line: number,
): Pick<ReadmeBlock, 'kind' | 'fileName' | 'skipReason'> {
  if (marker !== undefined) {
    const skip = /^skip\s*\((.+)\)$/.exec(marker);
    if (skip) return { kind: 'skip', skipReason: skip[1] };
    if (marker === 'npm start prints') return { kind: 'npm-start-output' };
    throw new Error(
      `README line ${line}: unknown readme-test marker '${marker}' (use "skip (why)" or "npm start prints")`,
    );
  }
  const [language = '', fileName] = info.split(/\s+/);
  if (fileName) return { kind: 'file', fileName };
  if (RUNNABLE.has(language)) return { kind: 'run' };
  if (language === '' || language === 'text') return { kind: 'illustration' };
  throw new Error(
    `README line ${line}: a \`\`\`${language} block is neither run nor skipped; show the request that gives it in a sh block (as # →), or mark it <!-- readme-test: skip (why) -->`,
  );
}

function previousNonBlank(lines: string[], index: number): string | undefined {
  for (let i = index - 1; i >= 0; i--) if ((lines[i] as string).trim() !== '') return (lines[i] as string).trim();
  return undefined;
}

function paragraphAfter(lines: string[], index: number): string {
  let i = index;
  while (i < lines.length && (lines[i] as string).trim() === '') i++;
  const paragraph: string[] = [];
  for (; i < lines.length && (lines[i] as string).trim() !== '' && !(lines[i] as string).startsWith('```'); i++)
    paragraph.push((lines[i] as string).trim());
  return paragraph.join(' ');
}

/** The statements of a sh block, with the answer each one's `# →` documents (at its end or on the next line). */
export function statementsOf(block: ReadmeBlock): Statement[] {
  const statements: Statement[] = [];
  let text = '';
  let startLine = 0;
  let quote: string | null = null;
  block.body.forEach((raw, index) => {
    const line = block.line + 1 + index;
    const continuesQuote = quote !== null;
    let code = '';
    let comment: string | null = null;
    for (let i = 0; i < raw.length; i++) {
      const char = raw[i] as string;
      if (quote) {
        code += char;
        if (quote === '"' && char === '\\') code += raw[++i] ?? '';
        else if (char === quote) quote = null;
      } else if (char === "'" || char === '"') {
        quote = char;
        code += char;
      } else if (char === '#' && (i === 0 || /\s/.test(raw[i - 1] as string))) {
        comment = raw.slice(i + 1).trim();
        break;
      } else code += char;
    }
    const documented = comment?.startsWith('→') ? comment.slice(1).trim() : undefined;
    if (text === '' && code.trim() === '') {
      // A comment line on its own documents the statement before it.
      const last = statements.at(-1);
      if (documented !== undefined && last && last.documented === undefined) last.documented = documented;
      return;
    }
    if (text === '') startLine = line;
    text = text === '' ? code.trim() : continuesQuote ? `${text}\n${code}` : `${text} ${code.trim()}`;
    if (quote !== null) return;
    if (text.endsWith('\\')) {
      text = text.slice(0, -1).trimEnd();
      return;
    }
    statements.push({ text: text.trim(), line: startLine, ...(documented !== undefined && { documented }) });
    text = '';
  });
  if (text !== '')
    throw new Error(`README line ${startLine}: a statement does not end (an unclosed quote, or a trailing \\)`);
  return statements;
}
