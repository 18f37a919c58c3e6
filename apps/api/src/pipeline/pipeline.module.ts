import { DynamicModule, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AnalyticsHoursProjection } from '../analytics/analytics-hours.projection.js';
import { AnalyticsRollupsModule } from '../analytics/analytics-rollups.module.js';
import { AttributionProjection } from '../attribution/attribution.projection.js';
import { AttributionRollupsModule } from '../attribution/attribution-rollups.module.js';
import { IdentityRollupsModule } from '../fingerprints/identity-rollups.module.js';
import { IdentityRollupsProjection } from '../fingerprints/identity-rollups.projection.js';
import { IdentityClustersModule } from '../fraud/identity-clusters.module.js';
import { IdentityClustersProjection } from '../fraud/identity-clusters.projection.js';
import { SignalEngine } from '../signals/signal-engine.js';
import { SignalsModule } from '../signals/signals.module.js';
import { PipelineWebhookEvents } from '../webhooks/pipeline-webhook-events.js';
import { WebhookEventsModule } from '../webhooks/webhook-events.module.js';
import { ChunkProcessor } from './chunk-processor.js';
import { DataFreshnessInterceptor } from './data-freshness.js';
import { EventInboxRepository } from './event-inbox.repository.js';
import { CHUNK_OBSERVERS, ChunkObserver, EventProjection, PIPELINE_PROJECTIONS } from './event-projection.js';
import { EventStoreRepository } from './event-store.repository.js';
import { ForegroundRequests } from './foreground-requests.js';
import { IngestAdmission, IngestTurns } from './ingest-admission.js';
import { IngestService } from './ingest.service.js';
import { PIPELINE_OPTIONS, PipelineOptions } from './pipeline-options.js';
import { PipelineStatusService } from './pipeline-status.service.js';
import { PipelineTenantsRepository } from './pipeline-tenants.repository.js';
import { PipelineWaiter } from './pipeline-waiter.js';
import { PipelineWorker } from './pipeline-worker.js';
import { PipelineController } from './pipeline.controller.js';
import { EventRetention } from './event-retention.js';
import { RetentionController } from './retention.controller.js';

/**
 * The projections in the order a chunk goes through them: the hourly analytics first (they read each
 * user's first event before the identity rollups move it), identity rollups (they name the keys that
 * can carry a signal), then signals (which read those rollups), attribution, and identity clusters
 * last (it may take the tenant's cluster lock, held until commit).
 */
const PROJECTION_ORDER = [AnalyticsHoursProjection, IdentityRollupsProjection, SignalEngine, AttributionProjection, IdentityClustersProjection];

/** What reads a chunk's changes after its projections: the webhook events it causes. */
const OBSERVERS = [PipelineWebhookEvents];

/**
 * The event pipeline: accepting (the ingest routes, into the inbox), the worker loop that moves the
 * inbox into the event store and every projection, and the pipeline's status and freshness. `http`
 * false mounts no routes (`npm run worker`, the seed command); `jobs` true adds retention (the app, whose job queue runs it).
 */
@Module({})
export class PipelineModule {
  static forRoot(options: PipelineOptions & { http?: boolean; jobs?: boolean }): DynamicModule {
    // Retention runs as a job: it needs the job queue and the audit writer, which the seed command and the medium tests do without.
    const retention = options.jobs === true;
    return {
      module: PipelineModule,
      imports: [AnalyticsRollupsModule, IdentityRollupsModule, SignalsModule, AttributionRollupsModule, IdentityClustersModule, WebhookEventsModule],
      controllers: options.http === false ? [] : [PipelineController, ...(retention ? [RetentionController] : [])],
      providers: [
        { provide: PIPELINE_OPTIONS, useValue: options },
        { provide: PIPELINE_PROJECTIONS, inject: PROJECTION_ORDER, useFactory: (...projections: EventProjection[]) => projections },
        { provide: CHUNK_OBSERVERS, inject: OBSERVERS, useFactory: (...observers: ChunkObserver[]) => observers },
        ...(options.http === false ? [] : [{ provide: APP_INTERCEPTOR, useClass: DataFreshnessInterceptor }]),
        IngestService,
        IngestTurns,
        IngestAdmission,
        ForegroundRequests,
        EventInboxRepository,
        EventStoreRepository,
        PipelineTenantsRepository,
        PipelineStatusService,
        PipelineWaiter,
        ChunkProcessor,
        PipelineWorker,
        ...(retention ? [EventRetention] : []),
      ],
      exports: [IngestService, PipelineStatusService, PipelineWorker, ForegroundRequests],
    };
  }
}
