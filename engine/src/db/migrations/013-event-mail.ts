import { type Kysely, sql } from 'kysely';

/**
 * Events become the lead's mail: each gets a per-lead sequence number (`lead_events.seq`, taken
 * from `leads.event_seq` in the transaction that records it), and the lead remembers how far its
 * run has read (`delivered_seq`). A run reads its mail by sequence on a doorbell signal, so an
 * event is never lost with a signal nor taken twice; a sweep rings again for leads whose mail
 * waits unread. Events stored before are numbered in the order they were recorded and count as
 * delivered (their runs got them as data signals).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE lead_events ADD COLUMN seq integer;
    WITH numbered AS (SELECT id, row_number() OVER (PARTITION BY lead_id ORDER BY created_at, id) AS n FROM lead_events)
    UPDATE lead_events SET seq = numbered.n FROM numbered WHERE numbered.id = lead_events.id;
    ALTER TABLE lead_events ALTER COLUMN seq SET NOT NULL;
    CREATE UNIQUE INDEX lead_events_seq ON lead_events (lead_id, seq);
    ALTER TABLE leads
      ADD COLUMN event_seq integer NOT NULL DEFAULT 0,
      ADD COLUMN delivered_seq integer NOT NULL DEFAULT 0,
      ADD COLUMN event_at timestamptz;
    UPDATE leads SET event_seq = mail.n, delivered_seq = mail.n, event_at = mail.at
      FROM (SELECT lead_id, max(seq) AS n, max(created_at) AS at FROM lead_events GROUP BY lead_id) mail
      WHERE mail.lead_id = leads.id;
    CREATE INDEX leads_unread_mail ON leads (event_at) WHERE event_seq > delivered_seq;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX leads_unread_mail;
    ALTER TABLE leads DROP COLUMN event_seq, DROP COLUMN delivered_seq, DROP COLUMN event_at;
    DROP INDEX lead_events_seq;
    ALTER TABLE lead_events DROP COLUMN seq;
  `.execute(db);
}
