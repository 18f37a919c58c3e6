import { Injectable } from '@nestjs/common';
import { incidentResourcesSql } from '../incidents/incident-resources.js';
import type { ChangeLog, ChunkObserver } from '../pipeline/event-projection.js';
import { riskLevelSql } from '../signals/risk.js';
import { CHANGED_INCIDENTS, RISK_LEVEL_CHANGES, RISK_WINDOW_START } from '../signals/signal-changes.js';
import { userResourcesSql } from '../users/user.types.js';
import type { WebhookEventType } from './webhook.types.js';
import { WebhooksRepository } from './webhooks.repository.js';

const TYPES_OF_CHANGE: Record<keyof ChangeLog, WebhookEventType[]> = {
  incidents: ['incident.created', 'incident.updated'],
  userRisk: ['user.risk_level_changed'],
};

/** Each incident the chunk changed: `incident.created` when the chunk inserted it, else `incident.updated`; the incident as the API answers it. */
const INCIDENT_EVENTS = `
SELECT CASE WHEN i.created THEN 'incident.created' ELSE 'incident.updated' END AS type, i.resource AS data
FROM (${incidentResourcesSql(CHANGED_INCIDENTS)}) i`;

/** Each user whose risk level the transaction changed: the user as the users list answers it, with its score and level before. */
export const RISK_EVENTS = `
SELECT 'user.risk_level_changed' AS type,
       u.resource || jsonb_build_object('previous', jsonb_build_object('riskScore', u.previous_score, 'riskLevel', ${riskLevelSql('u.previous_score')})) AS data
FROM (${userResourcesSql(RISK_LEVEL_CHANGES, RISK_WINDOW_START)}) u`;

/**
 * The pipeline's events into the outbox, in the chunk's transaction: a rolled-back chunk queues nothing,
 * a committed one cannot lose them. A tenant with no endpoint subscribed to them costs one look-up at its
 * few endpoints per chunk (nothing is recorded); otherwise one statement per kind of change per chunk,
 * whatever the number of incidents or users it changed.
 */
@Injectable()
export class PipelineWebhookEvents implements ChunkObserver {
  constructor(private readonly webhooks: WebhooksRepository) {}

  wants(): Promise<ChangeLog> {
    return this.webhooks.subscribed(TYPES_OF_CHANGE);
  }

  async observe(wanted: ChangeLog): Promise<void> {
    const timestamp = new Date().toISOString();
    if (wanted.incidents) await this.webhooks.enqueueSet(INCIDENT_EVENTS, timestamp);
    if (wanted.userRisk) await this.webhooks.enqueueSet(RISK_EVENTS, timestamp);
  }
}
