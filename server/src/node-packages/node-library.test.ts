import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MigrationSet, migrationTableOf } from '@leadflow/engine/db';
import { builtInNodeLibrary, loadNodeLibrary, migrationSetsOf } from './node-library.js';

/** A control node as a package would declare it, written as plain objects (no imports needed). */
const controlNode = (
  type: string,
) => `{ type: '${type}', version: 1, kind: 'control', title: 'Stamp', category: 'data', description: 'Stamps the lead.', icon: '*',
  configSchema: { type: 'object', properties: {} }, defaultConfig: {}, ports: [{ name: 'out' }], run: () => ({ port: 'out' }) }`;
const activityNode = (type: string) => controlNode(type).replace("kind: 'control'", "kind: 'activity'");

describe('loading node packages (LEADFLOW_NODE_PACKAGES)', () => {
  let root: string;
  const install = async (
    name: string,
    packageJson: Record<string, unknown>,
    files: Record<string, string>,
  ): Promise<void> => {
    const folder = path.join(root, 'node_modules', name);
    await mkdir(folder, { recursive: true });
    await writeFile(
      path.join(folder, 'package.json'),
      JSON.stringify({ name, version: '2.1.0', type: 'module', ...packageJson }),
    );
    for (const [file, source] of Object.entries(files)) await writeFile(path.join(folder, file), source);
  };
  const load = (...names: string[]) => loadNodeLibrary(names, [root]);

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'leadflow-node-library-'));
    await install(
      'stamp-nodes',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': `export const nodeDefinitions = [${controlNode('stamp')}];` },
    );
    await install(
      'stamp-again',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': `export const nodeDefinitions = [${controlNode('stamp')}];` },
    );
    await install('not-a-node-package', {}, {});
    await install(
      'shadows-enrich',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': `export const nodeDefinitions = [${controlNode('enrich')}];` },
    );
    await install(
      'activity-missing',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': `export const nodeDefinitions = [${activityNode('lookup')}];` },
    );
    await install(
      'stray-activity',
      { leadflow: { nodes: './nodes.js', activities: './activities.js' } },
      {
        'nodes.js': `export const nodeDefinitions = [${controlNode('tidy')}];`,
        'activities.js': `export const nodeActivities = [{ type: 'tidy', version: 1, run: async () => ({ port: 'out' }), shown: (c) => c }];`,
      },
    );
    await install(
      'wrong-export',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': 'export const definitions = [];' },
    );
    await install('unbuilt', { leadflow: { nodes: './dist/nodes.js' } }, {});
    await install(
      'broken-module',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': 'export const nodeDefinitions = [;' },
    );
    await install(
      'server-without-exports',
      { leadflow: { nodes: './nodes.js', server: './server.js' } },
      {
        'nodes.js': `export const nodeDefinitions = [${controlNode('plain')}];`,
        'server.js': 'export const somethingElse = 1;',
      },
    );
    await install(
      'bad-migrations',
      { leadflow: { nodes: './nodes.js', server: './server.js' } },
      {
        'nodes.js': `export const nodeDefinitions = [${controlNode('plain')}];`,
        'server.js': "export const nodeMigrations = { '001-table': { sql: 'CREATE TABLE t ()' } };",
      },
    );
    await install(
      'with-server',
      { leadflow: { nodes: './nodes.js', server: './server.js' } },
      {
        'nodes.js': `export const nodeDefinitions = [${controlNode('kept')}];`,
        'server.js':
          "export const nodeMigrations = { '001-table': { up: async () => {} } }; export async function nodeRoutes() {}",
      },
    );
    await install(
      'bad-type',
      { leadflow: { nodes: './nodes.js' } },
      { 'nodes.js': `export const nodeDefinitions = [${controlNode('Stamp-It')}];` },
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('without packages is the built-in library, untouched', async () => {
    expect(await load()).toBe(builtInNodeLibrary);
  });

  it('adds a package’s node types to the registry and its definitions module to the workflow bundle', async () => {
    const library = await load('stamp-nodes');
    expect(library.registry.get('stamp', 1)?.title).toBe('Stamp');
    expect(library.registry.get('enrich', 2)).toBeDefined();
    const nodesModule = path.join(root, 'node_modules/stamp-nodes/nodes.js');
    expect(library.packages.map((pkg) => [pkg.name, pkg.version, pkg.nodesModule])).toEqual([
      ['stamp-nodes', '2.1.0', nodesModule],
    ]);
    expect(library.preloadModules).toContain(nodesModule);
    const entry = await readFile(library.workflowsPath, 'utf8');
    expect(entry).toContain(`import { nodeDefinitions as package0 } from ${JSON.stringify(nodesModule)};`);
    expect(entry).toContain('createLeadWorkflow([...builtIn, ...package0])');
    // The same packages give the same file: workers started together share it.
    expect((await load('stamp-nodes')).workflowsPath).toBe(library.workflowsPath);
  });

  it.each([
    [
      'nope-not-here',
      "node package nope-not-here: is not installed; install it into Leadflow's folder first (npm install nope-not-here)",
    ],
    [
      '../escape',
      'node package ../escape: is not an npm package name (LEADFLOW_NODE_PACKAGES lists package names, comma-separated)',
    ],
    [
      'not-a-node-package',
      'node package not-a-node-package: is not a Leadflow node package: its package.json needs "leadflow"',
    ],
    [
      'shadows-enrich',
      'node package shadows-enrich: node type "enrich" is already one of Leadflow\'s own; give yours a name of its own',
    ],
    ['activity-missing', 'node package activity-missing: activity node lookup@1 has no activity in nodeActivities'],
    [
      'stray-activity',
      'node package stray-activity: nodeActivities has tidy@1, which no activity node in nodeDefinitions declares',
    ],
    ['wrong-export', 'node package wrong-export: nodes.js must export nodeDefinitions, a list of node definitions'],
    [
      'unbuilt',
      'node package unbuilt: "leadflow.nodes" names ./dist/nodes.js, which the package does not have (was it built before it was packed?)',
    ],
    ['broken-module', 'node package broken-module: nodes.js could not be loaded: '],
    ['Bad_Type', 'node package Bad_Type: is not an npm package name'],
    [
      'server-without-exports',
      'node package server-without-exports: server.js must export nodeMigrations, nodeRoutes, nodeEraseLead, nodeRepReferences or some of them',
    ],
    [
      'bad-migrations',
      'node package bad-migrations: nodeMigrations must map each migration name to { up(db), down?(db) }',
    ],
    [
      'bad-type',
      'node package bad-type: node type "Stamp-It" must be lowercase letters, digits and _ (2-60, a letter first)',
    ],
  ])('refuses %s, saying why', async (name, message) => {
    await expect(load(name)).rejects.toThrow(message);
  });

  it('takes a package’s migrations as a set of its own after the built-in nodes’, and its routes', async () => {
    const library = await load('with-server');
    const sets = migrationSetsOf(library);
    expect(sets.map((set) => [set.name, Object.keys(set.migrations)])).toEqual([
      ['task', ['001-tasks']],
      ['with-server', ['001-table']],
    ]);
    expect(sets.map((set) => migrationTableOf(set as MigrationSet))).toEqual([
      'node_migrations_task',
      'node_package_migrations_with_server',
    ]);
    expect(typeof library.packages[0]?.server?.routes).toBe('function');
    expect(library.serverParts.map((part) => part.name)).toEqual(['task', 'with-server']);
    expect(migrationSetsOf(await load('stamp-nodes')).map((set) => set.name)).toEqual(['task']);
  });

  it('refuses a type that another package already has', async () => {
    await expect(load('stamp-nodes', 'stamp-again')).rejects.toThrow(
      'node package stamp-again: node type "stamp" is already stamp-nodes\'s; give yours a name of its own',
    );
  });
});
