/** What happened to one channel's message, for the step trail and the reason. */
export interface Delivery {
  channel: string;
  /** delivered (inbox), sent, skipped or failed. */
  status: string;
  detail?: string;
}

/** What a test run reports instead of sending: the message stays in the step's output. */
export function wouldSend(channel: string, detail: string): Delivery {
  return { channel, status: 'would send', detail };
}
