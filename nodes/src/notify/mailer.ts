import nodemailer, { type Transporter } from 'nodemailer';

/**
 * SMTP waits far below the notify activity's time limit (20 s), so a hung server fails the send
 * (to be retried) instead of running past the attempt while a later attempt takes over its claim.
 */
const TIMEOUTS = { connectionTimeout: 5_000, greetingTimeout: 5_000, socketTimeout: 10_000 };

const transports = new Map<string, Transporter>();

/** One pooled SMTP transport per URL for the life of the worker. */
export function mailTransport(smtpUrl: string): Transporter {
  let transport = transports.get(smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(smtpUrl, TIMEOUTS);
    transports.set(smtpUrl, transport);
  }
  return transport;
}
