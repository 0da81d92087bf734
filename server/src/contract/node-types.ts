import { type Static, Type } from 'typebox';
import { OpenObject } from './common.js';

/** An output of a node: edges leave it through a port (`sourceHandle`). */
export const PortSchema = OpenObject({
  name: Type.String(),
  label: Type.Optional(Type.String()),
  description: Type.Optional(Type.String()),
});

export const NodeTypeSchema = OpenObject({
  type: Type.String(),
  version: Type.Integer(),
  latest: Type.Boolean(),
  title: Type.String(),
  category: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  kind: Type.Enum(['control', 'activity']),
  entry: Type.Boolean(),
  waits: Type.Boolean(),
  configSchema: Type.Record(Type.String(), Type.Unknown(), {
    description:
      "JSON Schema of the node's config: the designer builds its form from it (also in components as NodeConfig_<type>_v<version>).",
  }),
  defaultConfig: Type.Record(Type.String(), Type.Unknown()),
  ports: Type.Array(PortSchema, {
    description: 'Ports for the default config; some node types compute ports from config.',
  }),
  dynamicPorts: Type.Boolean(),
});

export const LeadFieldSchema = Type.Object(
  { name: Type.String(), type: Type.String() },
  { description: 'A lead field that conditions and templates can read.' },
);

export const NodeCatalogSchema = Type.Object({
  nodeTypes: Type.Array(NodeTypeSchema),
  leadFields: Type.Array(LeadFieldSchema),
});

export type PortSpec = Static<typeof PortSchema>;
export type NodeType = Static<typeof NodeTypeSchema>;
export type LeadField = Static<typeof LeadFieldSchema>;
export type NodeCatalog = Static<typeof NodeCatalogSchema>;
