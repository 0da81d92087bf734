/** What happened to one channel's message, for the step trail and the reason. */
export interface Delivery {
  channel: string;
  /** delivered (inbox), sent, skipped or failed. */
  status: string;
  detail?: string;
}
