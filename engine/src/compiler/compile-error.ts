/**
 * A problem in a graph, as data: the designer paints it on the node or edge it names, at the
 * form field `path` points to (dot path, relative to the document or, with `nodeId`, to the node).
 * `message` is a whole sentence in a person's words ("Assign DACH: choose a team"); `field`,
 * when set, is what to say at the form field itself ("choose a team").
 */
export interface CompileError {
  nodeId?: string;
  edgeId?: string;
  path: string;
  message: string;
  field?: string;
}
