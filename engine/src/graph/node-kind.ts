/** Control nodes run in the workflow sandbox; activity nodes run as Temporal activities. */
export type NodeKind = 'control' | 'activity';
