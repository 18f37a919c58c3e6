import { Module } from '@nestjs/common';
import { SignalsModule } from '../signals/signals.module.js';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';

/** Incidents as the tenant triages them: the signal engine writes them, the tenant sets status and note; a dismissal takes the incident out of risk through the engine. */
@Module({ imports: [SignalsModule], controllers: [IncidentsController], providers: [IncidentsService, IncidentsRepository] })
export class IncidentsModule {}
