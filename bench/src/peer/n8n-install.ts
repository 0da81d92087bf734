import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** The n8n the issue measured against; override with N8N_VERSION (1.x). */
export const N8N_VERSION = process.env.N8N_VERSION ?? '1.123.81';

/**
 * Where n8n is installed: a cache folder outside the repository, one per version, so it is never a
 * dependency of the project and a second run reuses it.
 */
export function n8nFolder(version = N8N_VERSION): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(cache, 'leadflow', `n8n-${version}`);
}

/**
 * Installs n8n on demand (once per version; 3–10 minutes and ~1.5 GB) with the Node running the
 * bench, and returns its CLI. Two things this registry-only machine needs: n8n's xlsx dependency
 * is a tarball on cdn.sheetjs.com, replaced by the registry's xlsx, and npm 11 runs only allowed
 * install scripts (sqlite3 builds its binding, against this Node's headers).
 */
export async function ensureN8n(version = N8N_VERSION): Promise<string> {
  const folder = n8nFolder(version);
  const cli = path.join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
  const binding = path.join(folder, 'node_modules', 'sqlite3', 'build', 'Release', 'node_sqlite3.node');
  if (existsSync(cli) && existsSync(binding)) return cli;
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    path.join(folder, 'package.json'),
    JSON.stringify(
      {
        name: 'leadflow-bench-peer-n8n',
        private: true,
        overrides: { xlsx: 'npm:xlsx@0.18.5' },
        allowScripts: { sqlite3: true },
      },
      null,
      2,
    ),
  );
  const nodeRoot = path.dirname(path.dirname(process.execPath));
  const npm = path.join(path.dirname(process.execPath), 'npm');
  console.log(`installing n8n ${version} into ${folder} (once per version; several minutes) …`);
  const started = Date.now();
  const ticker = setInterval(
    () => console.log(`  … still installing n8n (${Math.round((Date.now() - started) / 1000)} s)`),
    30_000,
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        existsSync(npm) ? npm : 'npm',
        ['install', '--no-audit', '--no-fund', '--loglevel=error', `n8n@${version}`],
        {
          cwd: folder,
          stdio: ['ignore', 'inherit', 'inherit'],
          env: {
            ...process.env,
            PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
            // Native modules build against the headers of the Node that will run them.
            ...(existsSync(path.join(nodeRoot, 'include', 'node')) && { npm_config_nodedir: nodeRoot }),
          },
        },
      );
      child.on('error', reject);
      child.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`npm install n8n@${version} exited with ${code}`)),
      );
    });
  } finally {
    clearInterval(ticker);
  }
  if (!existsSync(cli)) throw new Error(`n8n ${version} installed, but ${cli} is missing`);
  if (!existsSync(binding))
    throw new Error(`n8n ${version} installed, but sqlite3's binding was not built (${binding} is missing)`);
  console.log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
  return cli;
}
