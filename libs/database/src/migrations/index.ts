import { Foundation1763798400000 } from './1763798400000-Foundation.js';
import { AuditTrail1763802000000 } from './1763802000000-AuditTrail.js';
import { ApiTokens1763805600000 } from './1763805600000-ApiTokens.js';
import { Events1763809200000 } from './1763809200000-Events.js';
import { Analytics1763812800000 } from './1763812800000-Analytics.js';
import { TenantBinding1763816400000 } from './1763816400000-TenantBinding.js';
import { DefinerHardening1763820000000 } from './1763820000000-DefinerHardening.js';
import { EventPipeline1763823600000 } from './1763823600000-EventPipeline.js';
import { TenantIdsIgnoreCase1763824200000 } from './1763824200000-TenantIdsIgnoreCase.js';
import { BoundedIncidents1763827200000 } from './1763827200000-BoundedIncidents.js';
import { KeyedAuditChain1795656846929 } from './1795656846929-KeyedAuditChain.js';
import { TenantSignIn1795660000000 } from './1795660000000-TenantSignIn.js';
import { IdentityListFilters1795660000001 } from './1795660000001-IdentityListFilters.js';
import { SharedFingerprints1795700000000 } from './1795700000000-SharedFingerprints.js';
import { UserRisk1795700000001 } from './1795700000001-UserRisk.js';
import { IdempotencyKeys1795700000002 } from './1795700000002-IdempotencyKeys.js';
import { AnalyticsHours1795710000000 } from './1795710000000-AnalyticsHours.js';
import { PlannerStatistics1795720000000 } from './1795720000000-PlannerStatistics.js';
import { JobsAndWebhooks1795800000000 } from './1795800000000-JobsAndWebhooks.js';
import { WebhookDeliveriesByEndpoint1795810000000 } from './1795810000000-WebhookDeliveriesByEndpoint.js';
import { StoredRiskAndSharingReads1795830000000 } from './1795830000000-StoredRiskAndSharingReads.js';
import { CoarseTenantStatistics1795840000000 } from './1795840000000-CoarseTenantStatistics.js';
import { DismissedIncidents1795860000000 } from './1795860000000-DismissedIncidents.js';

/** Every migration, in order. A new migration is one new file plus one line here. */
export const MIGRATIONS = [
  Foundation1763798400000,
  AuditTrail1763802000000,
  ApiTokens1763805600000,
  Events1763809200000,
  Analytics1763812800000,
  TenantBinding1763816400000,
  DefinerHardening1763820000000,
  EventPipeline1763823600000,
  TenantIdsIgnoreCase1763824200000,
  BoundedIncidents1763827200000,
  KeyedAuditChain1795656846929,
  TenantSignIn1795660000000,
  IdentityListFilters1795660000001,
  SharedFingerprints1795700000000,
  UserRisk1795700000001,
  IdempotencyKeys1795700000002,
  AnalyticsHours1795710000000,
  PlannerStatistics1795720000000,
  JobsAndWebhooks1795800000000,
  WebhookDeliveriesByEndpoint1795810000000,
  StoredRiskAndSharingReads1795830000000,
  CoarseTenantStatistics1795840000000,
  DismissedIncidents1795860000000,
];
