import { Type, type Static } from 'typebox';

const Identifier = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' });

export const GraphNodeSchema = Type.Object(
  {
    id: Identifier,
    type: Type.String({ minLength: 1, maxLength: 100 }),
    typeVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
    position: Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }),
    config: Type.Record(Type.String(), Type.Unknown()),
    label: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const GraphEdgeSchema = Type.Object(
  {
    id: Identifier,
    source: Identifier,
    sourceHandle: Type.String({ minLength: 1, maxLength: 100 }),
    target: Identifier,
    targetHandle: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  },
  { additionalProperties: false },
);

/**
 * What the designer saves: React Flow's own vocabulary, so canvas and document map 1:1.
 * `sourceHandle` names an output port of the source node.
 */
export const GraphDocumentSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    nodes: Type.Array(GraphNodeSchema, { maxItems: 5000 }),
    edges: Type.Array(GraphEdgeSchema, { maxItems: 20000 }),
  },
  { additionalProperties: false },
);

export type GraphNode = Static<typeof GraphNodeSchema>;
export type GraphEdge = Static<typeof GraphEdgeSchema>;
export type GraphDocument = Static<typeof GraphDocumentSchema>;
