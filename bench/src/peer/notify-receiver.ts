import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The loopback endpoint n8n's notify step posts to: when each lead's owner was notified, by email. */
export interface NotifyReceiver {
  url: string;
  /** Arrival time (ms since epoch) of the first notification per lead email. */
  arrivals: Map<string, number>;
  /** Notifications beyond the first per email (a notify repeated). */
  repeats: number;
  close(): Promise<void>;
}

export async function startNotifyReceiver(): Promise<NotifyReceiver> {
  const arrivals = new Map<string, number>();
  const receiver = { arrivals, repeats: 0 };
  const server: Server = createServer((request, response) => {
    const at = Date.now();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        const { email } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { email?: string };
        if (email && arrivals.has(email)) receiver.repeats++;
        else if (email) arrivals.set(email, at);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      } catch {
        response.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/notify`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
