/**
 * A problem in a graph, as data: the designer paints it on the node or edge it names, at the
 * form field `path` points to (dot path, relative to the document or, with `nodeId`, to the node).
 */
export interface CompileError {
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
}
