/** An entry of the event catalog (`GET /api/event-types`). */
export interface EventType {
  name: string;
  label: string;
  description: string;
  /** Shipped with Leadflow: cannot be changed or deleted. */
  builtIn: boolean;
  /** Callers may post it to a lead; the rest Leadflow records itself. */
  postable: boolean;
  /** JSON Schema of the event's data; null: any object. */
  dataSchema: Record<string, unknown> | null;
  createdBy?: string;
}
