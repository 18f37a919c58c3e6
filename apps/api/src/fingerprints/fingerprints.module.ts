import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { EventsRepository } from './events.repository.js';
import { EventsService } from './events.service.js';
import { DomainprintsController, FingerprintsController } from './prints.controller.js';
import { PrintsRepository } from './prints.repository.js';
import { PrintsService } from './prints.service.js';

/** Fingerprints, domainprints and the events they come from (reads; the event pipeline writes them). */
@Module({
  controllers: [EventsController, FingerprintsController, DomainprintsController],
  providers: [EventsService, EventsRepository, PrintsService, PrintsRepository],
  exports: [EventsService],
})
export class FingerprintsModule {}
