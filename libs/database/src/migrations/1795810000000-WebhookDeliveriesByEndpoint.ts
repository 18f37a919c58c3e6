import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatcher claims each endpoint's due deliveries up to the attempts it may still start for that
 * endpoint, oldest first, walking this index once per endpoint with room. Claiming the oldest due
 * deliveries of all endpoints (the index it replaces) and giving back those beyond an endpoint's share
 * rewrote about 120 rows per attempt when one endpoint had a backlog: 11 deliveries/s to one receiver.
 */
export class WebhookDeliveriesByEndpoint1795810000000 implements MigrationInterface {
  name = 'WebhookDeliveriesByEndpoint1795810000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_deliveries_endpoint_due_idx ON webhook_deliveries (tenant_id, endpoint_id, next_attempt_at) WHERE status = 'pending'`);
    await db.query(`DROP INDEX webhook_deliveries_due_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await db.query(`DROP INDEX webhook_deliveries_endpoint_due_idx`);
  }
}
