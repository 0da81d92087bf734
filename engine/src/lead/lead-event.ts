/** Something that happened to a lead outside the workflow, delivered to it as a signal. */
export interface LeadEvent {
  /** Unique per event; lets the workflow ignore a signal delivered twice. */
  id: string;
  type: string;
  /** ISO time the event happened. */
  at: string;
  data?: Record<string, unknown>;
}
