import { describeRelative, type FieldError, type FieldPath, isWithin, parentPath } from './field-path';

/** Messages per field path, each message once. */
export type ErrorMap = ReadonlyMap<FieldPath, readonly string[]>;

/**
 * Groups errors by the field they name. With `known` (the paths the form shows fields for), an
 * error on any other path moves to its nearest shown ancestor and says where it points:
 * `requireSkills[1]: must NOT have fewer than 1 characters` shows on the list as
 * "item 2: must NOT have fewer than 1 characters".
 */
export function errorsByPath(errors: readonly FieldError[], known?: ReadonlySet<FieldPath>): Map<FieldPath, string[]> {
  const map = new Map<FieldPath, string[]>();
  for (const error of errors) {
    let path: FieldPath | null = error.path;
    while (known && path !== null && path !== '' && !known.has(path)) path = parentPath(path);
    const at = path ?? '';
    const rest = error.path.slice(at.length).replace(/^\./, '');
    const message = rest ? `${describeRelative(rest)}: ${error.message}` : error.message;
    const list = map.get(at) ?? [];
    if (!list.includes(message)) list.push(message);
    map.set(at, list);
  }
  return map;
}

/** How many messages name `path` or a field inside it (for a collapsed group's badge). */
export function countErrorsWithin(map: ErrorMap, path: FieldPath): number {
  let count = 0;
  for (const [at, messages] of map) if (isWithin(at, path)) count += messages.length;
  return count;
}

/** A compile error as the server sends it: the path is relative to the node when `nodeId` is set. */
export interface CompileErrorLike {
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
  /** What to say at the field itself, when the server says it apart from the whole sentence. */
  field?: string;
}

/**
 * The errors of one node's config, with paths relative to the config as `SchemaForm` wants
 * them: `config.cases[0].when` → `cases[0].when`, `config` → `''`. Errors on the node's other
 * parts (`type`, `typeVersion`) are not the form's and are left out.
 */
export function serverErrorsForNode(errors: readonly CompileErrorLike[], nodeId: string): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    if (error.nodeId !== nodeId || !isWithin(error.path, 'config') || error.path === '') continue;
    result.push({ path: error.path.slice('config'.length).replace(/^\./, ''), message: error.field ?? error.message });
  }
  return result;
}
