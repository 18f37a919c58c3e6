import { Module } from '@nestjs/common';
import { IncidentsController } from './incidents.controller.js';
import { IncidentsRepository } from './incidents.repository.js';
import { IncidentsService } from './incidents.service.js';

/** Incidents as the tenant triages them: the signal engine writes them, the tenant sets status and note. */
@Module({ controllers: [IncidentsController], providers: [IncidentsService, IncidentsRepository] })
export class IncidentsModule {}
