import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AnyNodeDefinition } from '@leadflow/engine';
import type { NodeActivity } from '@leadflow/engine/worker';
import type { NodeServerPart } from '@leadflow/nodes/server';

/**
 * What a node package's package.json says under "leadflow": its sandbox-safe module (exports
 * `nodeDefinitions`, bundled into the workflow code), for activity nodes its Node-side module
 * (exports `nodeActivities`) — the same two halves as `@leadflow/nodes` — and, for a node that
 * keeps data of its own, its API-server module (exports `nodeMigrations` and/or `nodeRoutes`).
 */
interface NodePackageManifest {
  nodes: string;
  activities?: string;
  server?: string;
}

export interface NodePackage {
  name: string;
  version: string;
  /** Absolute path of the module exporting `nodeDefinitions`; it goes into the workflow bundle. */
  nodesModule: string;
  definitions: readonly AnyNodeDefinition[];
  activities: readonly NodeActivity[];
  /** Its API-server half (tables, routes, erasure), named as the package; null without a `server` module. */
  server: NodeServerPart | null;
}

/** A node package that cannot be used; the message names the package and what is wrong. */
export class NodePackageError extends Error {
  constructor(name: string, problem: string) {
    super(`node package ${name}: ${problem}`);
    this.name = 'NodePackageError';
  }
}

const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;
/** Where Leadflow itself is installed: packages are found in its node_modules, like its own dependencies. */
export const LEADFLOW_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** The package's folder in a node_modules at or above one of `from` (the working folder, then Leadflow's). */
function packageFolder(name: string, from: readonly string[]): string | undefined {
  for (const start of from) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

function manifestOf(name: string, json: Record<string, unknown>): NodePackageManifest {
  const manifest = json.leadflow as Partial<NodePackageManifest> | undefined;
  if (!manifest || typeof manifest.nodes !== 'string') {
    throw new NodePackageError(
      name,
      'is not a Leadflow node package: its package.json needs "leadflow": { "nodes": "<module exporting nodeDefinitions>", "activities": "<module exporting nodeActivities>" }',
    );
  }
  for (const field of ['activities', 'server'] as const) {
    if (manifest[field] !== undefined && typeof manifest[field] !== 'string')
      throw new NodePackageError(name, `"leadflow.${field}" in its package.json must be a module path`);
  }
  return { nodes: manifest.nodes, activities: manifest.activities, server: manifest.server };
}

/** A module of the package, by the path its manifest gives; it must stay inside the package. */
function moduleFile(name: string, folder: string, relative: string, field: string): string {
  const file = path.resolve(folder, relative);
  if (!file.startsWith(folder + path.sep))
    throw new NodePackageError(name, `"leadflow.${field}" points outside the package (${relative})`);
  if (!existsSync(file))
    throw new NodePackageError(
      name,
      `"leadflow.${field}" names ${relative}, which the package does not have (was it built before it was packed?)`,
    );
  return file;
}

function isDefinition(value: unknown): value is AnyNodeDefinition {
  const definition = value as Partial<AnyNodeDefinition> | null;
  return (
    typeof definition === 'object' &&
    definition !== null &&
    typeof definition.type === 'string' &&
    Number.isInteger(definition.version) &&
    (definition.kind === 'activity' || definition.kind === 'control') &&
    typeof definition.configSchema === 'object'
  );
}

function isActivity(value: unknown): value is NodeActivity {
  const activity = value as Partial<NodeActivity> | null;
  return (
    typeof activity === 'object' &&
    activity !== null &&
    typeof activity.type === 'string' &&
    Number.isInteger(activity.version) &&
    typeof activity.run === 'function' &&
    typeof activity.shown === 'function'
  );
}

async function importModule(name: string, file: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (error) {
    throw new NodePackageError(
      name,
      `${path.basename(file)} could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function exportedList<T>(
  name: string,
  file: string,
  exportName: string,
  accept: (value: unknown) => value is T,
  what: string,
): Promise<T[]> {
  const list = (await importModule(name, file))[exportName];
  if (!Array.isArray(list))
    throw new NodePackageError(name, `${path.basename(file)} must export ${exportName}, a list of ${what}`);
  list.forEach((item, index) => {
    if (!accept(item))
      throw new NodePackageError(name, `item ${index + 1} of ${exportName} is not a ${what.replace(/s$/, '')}`);
  });
  return list as T[];
}

const SERVER_EXPORTS = ['nodeMigrations', 'nodeRoutes', 'nodeEraseLead', 'nodeRepReferences'] as const;

/**
 * The server module's exports: `nodeMigrations` (migration name → { up, down? }, applied in name
 * order), `nodeRoutes` (app, context) and, for tables that hold a lead's data or name a rep,
 * `nodeEraseLead` (trx, leadId) and `nodeRepReferences` (db, repId).
 */
async function serverPart(name: string, file: string): Promise<NodeServerPart> {
  const module = await importModule(name, file);
  const { nodeMigrations, nodeRoutes, nodeEraseLead, nodeRepReferences } = module;
  if (SERVER_EXPORTS.every((exportName) => module[exportName] === undefined))
    throw new NodePackageError(name, `${path.basename(file)} must export ${SERVER_EXPORTS.join(', ')} or some of them`);
  const functions = { nodeRoutes, nodeEraseLead, nodeRepReferences };
  for (const [exportName, value] of Object.entries(functions))
    if (value !== undefined && typeof value !== 'function')
      throw new NodePackageError(name, `${exportName} must be a function`);
  if (nodeMigrations !== undefined) {
    const entries = typeof nodeMigrations === 'object' && nodeMigrations !== null ? Object.entries(nodeMigrations) : [];
    if (
      entries.length === 0 ||
      entries.some(([, migration]) => typeof (migration as { up?: unknown })?.up !== 'function')
    ) {
      throw new NodePackageError(name, 'nodeMigrations must map each migration name to { up(db), down?(db) }');
    }
  }
  return {
    name,
    migrations: nodeMigrations as NodeServerPart['migrations'],
    routes: nodeRoutes as NodeServerPart['routes'],
    eraseLead: nodeEraseLead as NodeServerPart['eraseLead'],
    repReferences: nodeRepReferences as NodeServerPart['repReferences'],
  };
}

/**
 * Loads one installed node package: finds it the way Node finds a dependency (it is installed with
 * `npm install <package>` into Leadflow's folder), reads its manifest and imports both halves.
 */
export async function loadNodePackage(
  name: string,
  from: readonly string[] = [process.cwd(), LEADFLOW_ROOT],
): Promise<NodePackage> {
  if (!PACKAGE_NAME.test(name))
    throw new NodePackageError(
      name,
      'is not an npm package name (LEADFLOW_NODE_PACKAGES lists package names, comma-separated)',
    );
  const folder = packageFolder(name, from);
  if (!folder)
    throw new NodePackageError(name, `is not installed; install it into Leadflow's folder first (npm install ${name})`);
  const json = JSON.parse(await readFile(path.join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
  const manifest = manifestOf(name, json);
  const nodesModule = moduleFile(name, folder, manifest.nodes, 'nodes');
  const definitions = await exportedList(name, nodesModule, 'nodeDefinitions', isDefinition, 'node definitions');
  const activities = manifest.activities
    ? await exportedList(
        name,
        moduleFile(name, folder, manifest.activities, 'activities'),
        'nodeActivities',
        isActivity,
        'node activities',
      )
    : [];
  if (definitions.length === 0) throw new NodePackageError(name, 'exports no node definitions');
  const server = manifest.server ? await serverPart(name, moduleFile(name, folder, manifest.server, 'server')) : null;
  return {
    name,
    version: typeof json.version === 'string' ? json.version : '0.0.0',
    nodesModule,
    definitions,
    activities,
    server,
  };
}
