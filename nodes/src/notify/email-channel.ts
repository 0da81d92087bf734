import type { NodeActivityContext } from '@leadflow/engine/worker';
import { type Delivery, wouldSend } from './delivery.js';
import { mailTransport } from './mailer.js';
import { claimMessage, markFailed, markSent, recordSkipped } from './outbox.js';
import type { Recipient } from './recipient.js';

/**
 * Outbox per message: the row is claimed by this attempt before sending (so two overlapping
 * attempts cannot both send), marked after; a retry skips a row already sent. The Message-ID is
 * derived from the key, so a receiver can drop the one copy a crash between send and mark could
 * still produce. Any SMTP failure is recorded and thrown, so Temporal retries the activity.
 */
export async function sendEmail(
  ctx: NodeActivityContext,
  key: string,
  recipient: Recipient,
  subject: string,
  body: string,
): Promise<Delivery> {
  if (ctx.dryRun) return wouldSend('email', recipient.email);
  const { db } = ctx;
  const smtpUrl = ctx.services.mail.smtpUrl;
  const message = {
    key,
    leadId: ctx.leadId,
    repId: recipient.repId,
    channel: 'email',
    recipient: recipient.email,
    subject,
    body,
  };
  if (!smtpUrl) {
    const status = await recordSkipped(db, message, 'SMTP_URL is not set');
    return status === 'sent'
      ? { channel: 'email', status: 'sent', detail: 'already sent (retry)' }
      : { channel: 'email', status: 'skipped', detail: 'SMTP_URL is not set' };
  }
  if ((await claimMessage(db, message, ctx)) === 'sent')
    return { channel: 'email', status: 'sent', detail: 'already sent (retry)' };
  const messageId = `<${key.replace(/[^A-Za-z0-9.-]/g, '.')}@leadflow>`;
  ctx.heartbeat();
  try {
    await mailTransport(smtpUrl).sendMail({
      from: ctx.services.mail.from,
      to: `${recipient.name} <${recipient.email}>`,
      subject,
      text: body,
      messageId,
    });
  } catch (error) {
    await markFailed(db, key, ctx, (error as Error).message);
    throw error;
  }
  await markSent(db, key, ctx, messageId);
  return { channel: 'email', status: 'sent', detail: recipient.email };
}
