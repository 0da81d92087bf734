import type { FieldMapping } from '@leadflow/engine/db';
import { Errors } from '../errors.js';
import type { ActivityInput, ActivityIntake } from './activity-intake.js';
import { captureProblems } from './capture-payload.js';
import { explainMapped, mapPayload } from './field-mapping.js';
import type { FormRow } from './form-store.js';
import { readFormPost } from './form-post.js';
import type { CaptureOptions, CaptureRequest, CaptureResult, LeadIntake } from './lead-intake.js';
import type { WebhookSourceRow, WebhookSourceStore } from './webhook-source-store.js';

export type FormOutcome = { honeypot: true } | { honeypot: false; result: CaptureResult };

/**
 * The public capture channels, in front of the one capture path (LeadIntake): each turns what
 * its sender posts into a capture request, checks all of it before anything is written, and
 * stamps the channel itself so a sender cannot pose as another.
 */
export class ChannelIntake {
  constructor(
    private readonly intake: LeadIntake,
    private readonly activity: ActivityIntake,
    private readonly sources: WebhookSourceStore,
  ) {}

  /** A web form post; `waitMs` set: answer once the lead is routed (see captureAwaitingAssignment). */
  async form(
    form: FormRow,
    body: Record<string, unknown>,
    waitMs: number | null,
    localeCountry: string | null = null,
  ): Promise<FormOutcome> {
    const post = readFormPost(body, form.honeypot_field);
    if (post.honeypot) return { honeypot: true };
    const request = {
      ...post.lead,
      channel: 'web_form',
      formId: form.id,
      ...(form.workflow_id && { workflow: form.workflow_id }),
    };
    const problems = [...post.problems, ...captureProblems(request)];
    if (problems.length > 0) throw Errors.invalidField(problems);
    const options = { hints: { formCountry: form.default_country, localeCountry } };
    return { honeypot: false, result: await this.capture(request as CaptureRequest, options, waitMs) };
  }

  /**
   * A lead from a verified webhook delivery, mapped by the source's field mapping when it has
   * one. `digest` identifies the delivery: claimed once, so a replay is refused.
   */
  async webhookLead(
    source: WebhookSourceRow,
    payload: unknown,
    digest: string,
    idempotencyKey: string | undefined,
  ): Promise<CaptureResult> {
    const mapping = source.field_mapping as FieldMapping | null;
    const mapped = mapping ? mapPayload(payload, mapping) : { lead: payload as Record<string, unknown>, from: {} };
    if (typeof mapped.lead !== 'object' || mapped.lead === null || Array.isArray(mapped.lead)) {
      throw Errors.invalidRequest([
        { path: '', message: 'the payload must be a JSON object (or give the source a fieldMapping)' },
      ]);
    }
    const request = { ...mapped.lead, channel: 'webhook', ...(source.workflow_id && { workflow: source.workflow_id }) };
    const problems = captureProblems(request);
    if (problems.length > 0)
      throw Errors.invalidField(mapping ? explainMapped(problems, mapped.from, mapping) : problems);
    // Keys are per source, so two senders' keys never meet.
    const key = idempotencyKey ? `webhook:${source.id}:${idempotencyKey}` : undefined;
    return this.once(source.id, digest, () => this.capture(request as CaptureRequest, { idempotencyKey: key }, null));
  }

  /**
   * An intent event from a verified webhook delivery, claimed once like a lead. Answered alike
   * whether a lead has that email or not: a source's secret is not a key to the lead list.
   */
  async webhookActivity(source: WebhookSourceRow, input: ActivityInput, digest: string): Promise<{ accepted: true }> {
    await this.once(source.id, digest, () => this.activity.record(input));
    return { accepted: true };
  }

  private capture(request: CaptureRequest, options: CaptureOptions, waitMs: number | null): Promise<CaptureResult> {
    return waitMs === null
      ? this.intake.capture(request, options)
      : this.intake.captureAwaitingAssignment(request, options, waitMs);
  }

  /**
   * Runs `work` for a delivery not seen before. A delivery that fails gives its claim back: it
   * wrote nothing, and the sender's retry of it (after our outage, say) is no replay.
   */
  private async once<T>(sourceId: string, digest: string, work: () => Promise<T>): Promise<T> {
    if (!(await this.sources.claimDelivery(sourceId, digest))) throw Errors.replayed();
    try {
      return await work();
    } catch (error) {
      await this.sources.releaseDelivery(sourceId, digest);
      throw error;
    }
  }
}
