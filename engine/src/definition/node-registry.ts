import { type AnyNodeDefinition, nodeKey } from './node-definition.js';

/** Every node type and version a deployment knows, looked up by the compiler, server and workflow. */
export class NodeRegistry {
  readonly #byKey = new Map<string, AnyNodeDefinition>();
  readonly #latest = new Map<string, AnyNodeDefinition>();

  constructor(definitions: readonly AnyNodeDefinition[]) {
    for (const definition of definitions) {
      const key = nodeKey(definition.type, definition.version);
      if (this.#byKey.has(key)) throw new Error(`node type ${key} is registered twice`);
      this.#byKey.set(key, definition);
      const latest = this.#latest.get(definition.type);
      if (!latest || latest.version < definition.version) this.#latest.set(definition.type, definition);
    }
  }

  get(type: string, version: number): AnyNodeDefinition | undefined {
    return this.#byKey.get(nodeKey(type, version));
  }

  latest(type: string): AnyNodeDefinition | undefined {
    return this.#latest.get(type);
  }

  hasType(type: string): boolean {
    return this.#latest.has(type);
  }

  /** Every registered version, sorted by type then version. */
  all(): AnyNodeDefinition[] {
    return [...this.#byKey.values()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  }
}
