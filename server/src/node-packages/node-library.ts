import { type AnyNodeDefinition, NodeRegistry } from '@leadflow/engine';
import type { MigrationSet } from '@leadflow/engine/db';
import type { NodeActivity } from '@leadflow/engine/worker';
import { nodeDefinitions, nodeRegistry, workflowPreloadModules, workflowsPath } from '@leadflow/nodes';
import { nodeActivities } from '@leadflow/nodes/activities';
import { nodeMigrationSets, type NodeServerPart, nodeServerParts } from '@leadflow/nodes/server';
import { loadNodePackage, type NodePackage, NodePackageError } from './load-node-package.js';
import { writeWorkflowEntry } from './workflow-entry.js';

/** Every node type a deployment runs: Leadflow's own and those of the node packages it names. */
export interface NodeLibrary {
  registry: NodeRegistry;
  activities: readonly NodeActivity[];
  /** The workflow bundle's entry. */
  workflowsPath: string;
  /** Modules the bundle initializes once per worker (the catalog and the packages' definitions). */
  preloadModules: readonly string[];
  packages: readonly NodePackage[];
  /** The API-server halves of node types that keep data: Leadflow's own, then the packages'. */
  serverParts: readonly NodeServerPart[];
}

/** Leadflow's own node types only. */
export const builtInNodeLibrary: NodeLibrary = {
  registry: nodeRegistry,
  activities: nodeActivities,
  workflowsPath,
  preloadModules: workflowPreloadModules,
  packages: [],
  serverParts: nodeServerParts,
};

/** Lowercase, so it is safe as a graph's node type, an activity name and a metric label. */
const TYPE_NAME = /^[a-z][a-z0-9_]{1,59}$/;

/**
 * A package's node types are its own: a package may not add a version to a built-in type or to
 * another package's (that would change what graphs already published run), and its activity nodes
 * and activities must match one to one.
 */
function checkPackage(pkg: NodePackage, owners: Map<string, string>): void {
  const activityKeys = new Set(pkg.activities.map((activity) => `${activity.type}@${activity.version}`));
  for (const definition of pkg.definitions) {
    if (!TYPE_NAME.test(definition.type))
      throw new NodePackageError(
        pkg.name,
        `node type "${definition.type}" must be lowercase letters, digits and _ (2-60, a letter first)`,
      );
    const owner = owners.get(definition.type);
    if (owner && owner !== pkg.name)
      throw new NodePackageError(
        pkg.name,
        `node type "${definition.type}" is already ${owner === 'Leadflow' ? "one of Leadflow's own" : `${owner}'s`}; give yours a name of its own`,
      );
    owners.set(definition.type, pkg.name);
    const key = `${definition.type}@${definition.version}`;
    if (definition.kind === 'activity' && !activityKeys.delete(key))
      throw new NodePackageError(pkg.name, `activity node ${key} has no activity in nodeActivities`);
  }
  const strays = [...activityKeys];
  if (strays.length > 0)
    throw new NodePackageError(
      pkg.name,
      `nodeActivities has ${strays.join(', ')}, which no activity node in nodeDefinitions declares`,
    );
}

/**
 * Loads the node packages named in LEADFLOW_NODE_PACKAGES and joins them to the built-in library.
 * Every API server and worker of a deployment must name the same packages. `from`: the folders
 * whose node_modules are searched (default: the working folder's, then Leadflow's).
 */
export async function loadNodeLibrary(packageNames: readonly string[], from?: readonly string[]): Promise<NodeLibrary> {
  if (packageNames.length === 0) return builtInNodeLibrary;
  const owners = new Map<string, string>(nodeDefinitions.map((definition) => [definition.type, 'Leadflow']));
  const packages: NodePackage[] = [];
  for (const name of new Set(packageNames)) {
    const pkg = await loadNodePackage(name, from);
    checkPackage(pkg, owners);
    packages.push(pkg);
  }
  const definitions: AnyNodeDefinition[] = [...nodeDefinitions, ...packages.flatMap((pkg) => pkg.definitions)];
  return {
    registry: new NodeRegistry(definitions),
    activities: [...nodeActivities, ...packages.flatMap((pkg) => pkg.activities)],
    workflowsPath: await writeWorkflowEntry(packages.map((pkg) => pkg.nodesModule)),
    // Beside the catalog: a package's definitions share its modules (TypeBox, the engine), which
    // preloading freezes, so they must be initialized with it, once per worker.
    preloadModules: [...workflowPreloadModules, ...packages.map((pkg) => pkg.nodesModule)],
    packages,
    serverParts: [...nodeServerParts, ...packages.flatMap((pkg) => (pkg.server ? [pkg.server] : []))],
  };
}

/**
 * The node types' own tables: applied after Leadflow's core migrations, each built-in node type's
 * and each package's in a migration table of its own.
 */
export function migrationSetsOf(library: NodeLibrary): MigrationSet[] {
  const packaged = library.packages.flatMap((pkg): MigrationSet[] =>
    pkg.server?.migrations ? [{ name: pkg.name, owner: 'package', migrations: pkg.server.migrations }] : [],
  );
  return [...nodeMigrationSets, ...packaged];
}

/** "lead-enrich-clearbit 1.0.0 (clearbit_enrich v1)" for each package: what a start prints. */
export function describePackages(library: NodeLibrary): string[] {
  return library.packages.map(
    (pkg) =>
      `${pkg.name} ${pkg.version} (${pkg.definitions.map((definition) => `${definition.type} v${definition.version}`).join(', ')})`,
  );
}
