import { Module } from '@nestjs/common';
import { FraudStatsController } from './fraud-stats.controller.js';
import { FraudStatsRepository } from './fraud-stats.repository.js';
import { FraudStatsService } from './fraud-stats.service.js';
import { IdentityGraphController } from './identity-graph.controller.js';
import { IdentityGraphRepository } from './identity-graph.repository.js';
import { IdentityGraphService } from './identity-graph.service.js';

/** Fraud analytics: stats over the signal incidents, and the identity graph with its clusters. */
@Module({
  controllers: [FraudStatsController, IdentityGraphController],
  providers: [FraudStatsService, FraudStatsRepository, IdentityGraphService, IdentityGraphRepository],
})
export class FraudModule {}
