import { Injectable } from '@nestjs/common';
import { TenantScopedRepository } from '#libs/database/src/index.js';

export interface ClaimedTenant {
  tenantId: string;
  /** Events accepted and not yet processed. */
  backlog: number;
  /** Whether another tenant has a backlog too. */
  othersWaiting: boolean;
}

/**
 * The workers' side of `pipeline_tenants`: which tenant to serve next, and what was processed. A
 * worker holds its tenant's row locked for the whole chunk transaction, which is what keeps any number
 * of workers from serving one tenant at once (the others skip the locked row).
 */
@Injectable()
export class PipelineTenantsRepository extends TenantScopedRepository {
  /**
   * Across tenants (the worker's connection is in cross-tenant mode here): the tenant with a backlog that
   * was served least recently and that no other worker is serving, locked until the transaction ends,
   * with its backlog and whether any other tenant has one (served by another worker or not).
   */
  async claim(): Promise<ClaimedTenant | undefined> {
    const [row] = await this.db.query<{ tenant_id: string; backlog: string; others_waiting: boolean }>(
      `SELECT p.tenant_id, i.accepted_count - p.processed_count AS backlog,
              EXISTS (SELECT 1 FROM pipeline_tenants q JOIN pipeline_intake j USING (tenant_id)
                      WHERE j.accepted_count > q.processed_count AND q.tenant_id <> p.tenant_id) AS others_waiting
       FROM pipeline_tenants p JOIN pipeline_intake i USING (tenant_id)
       WHERE i.accepted_count > p.processed_count
       ORDER BY p.served_at NULLS FIRST, p.tenant_id
       LIMIT 1 FOR UPDATE OF p SKIP LOCKED`,
      [],
      'pipeline.claim',
    );
    return row && { tenantId: row.tenant_id, backlog: Number(row.backlog), othersWaiting: row.others_waiting };
  }

  /** Across tenants (cross-tenant mode): every tenant that ever had events. */
  async withEvents(): Promise<string[]> {
    const rows = await this.db.query<{ tenant_id: string }>(`SELECT tenant_id FROM pipeline_tenants ORDER BY tenant_id`);
    return rows.map((row) => row.tenant_id);
  }

  /** Counts a served chunk; answers the tenant's processed events in total. */
  async served(processed: number, deadLetters: number): Promise<number> {
    const [row] = await this.scopedPrepared<{ processed_count: string }>(
      'pipeline.served',
      `UPDATE pipeline_tenants SET processed_count = processed_count + $2, dead_letter_count = dead_letter_count + $3, served_at = clock_timestamp()
       WHERE tenant_id = $1 RETURNING processed_count`,
      [processed, deadLetters],
    );
    return Number(row.processed_count);
  }

  /** ANALYZE of the tenant tables (see the PlannerStatistics migration), outside any chunk's transaction. */
  async refreshPlannerStatistics(): Promise<void> {
    await this.db.query('SELECT app_private.refresh_tenant_statistics()');
  }

  /**
   * The counters say there is a backlog but the inbox is empty (rows removed by hand): what is processed
   * becomes what was accepted minus what is left, read in one snapshot so a batch committing meanwhile
   * is counted on both sides or on neither.
   */
  async resync(): Promise<void> {
    await this.scoped(
      `UPDATE pipeline_tenants SET served_at = clock_timestamp(),
         processed_count = (SELECT accepted_count FROM pipeline_intake WHERE tenant_id = $1) - (SELECT count(*) FROM event_inbox WHERE tenant_id = $1)
       WHERE tenant_id = $1`,
    );
  }

  /** The tenant's settings (signal thresholds, retention), as the chunk's projections apply them. */
  async settings(): Promise<Record<string, unknown> | undefined> {
    const row = await this.scopedOne<{ settings: Record<string, unknown> }>(`SELECT settings FROM tenants WHERE id = $1`);
    return row?.settings;
  }
}
