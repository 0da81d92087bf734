import { type Kysely, sql } from 'kysely';

/**
 * Every change to leads is announced on NOTIFY channel `leadflow_leads` by a statement-level
 * trigger, whichever process made it (worker, API, import), so the designer can update live.
 * One notification per statement: up to 50 lead ids, or `null` ids ("many changed, reload") for
 * bulk writes, so an import of 100,000 rows does not flood listeners.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION leadflow_announce_lead_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed uuid[];
    BEGIN
      SELECT array_agg(id) INTO changed FROM (SELECT id FROM changed_leads LIMIT 51) AS first_changed;
      IF changed IS NULL THEN
        RETURN NULL;
      END IF;
      PERFORM pg_notify('leadflow_leads', json_build_object('ids', CASE WHEN array_length(changed, 1) > 50 THEN NULL ELSE to_json(changed) END)::text);
      RETURN NULL;
    END
    $$;
    CREATE TRIGGER leads_announce_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS changed_leads
      FOR EACH STATEMENT EXECUTE FUNCTION leadflow_announce_lead_changes();
    CREATE TRIGGER leads_announce_update AFTER UPDATE ON leads REFERENCING NEW TABLE AS changed_leads
      FOR EACH STATEMENT EXECUTE FUNCTION leadflow_announce_lead_changes();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS leads_announce_update ON leads;
    DROP TRIGGER IF EXISTS leads_announce_insert ON leads;
    DROP FUNCTION IF EXISTS leadflow_announce_lead_changes();
  `.execute(db);
}
