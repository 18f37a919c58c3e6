import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { count, dateTime, PageOf, TENANT_ID_ON_CROSS_TENANT_READS } from '#libs/http/src/index.js';
import { EVENT_TYPES, type EventType } from '../event-schema.js';
import type { EventView } from '../event.types.js';

export class GeoDto {
  @ApiProperty({ minimum: -90, maximum: 90 }) lat: number;
  @ApiProperty({ minimum: -180, maximum: 180 }) lon: number;
  @ApiProperty({ type: String, nullable: true }) country: string | null;
  @ApiProperty({ type: String, nullable: true }) city: string | null;
}

export class CampaignDto {
  @ApiProperty() source: string;
  @ApiProperty() medium: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) term: string | null;
  @ApiProperty({ type: String, nullable: true }) content: string | null;
}

export class EventDto implements EventView {
  @ApiPropertyOptional(TENANT_ID_ON_CROSS_TENANT_READS) tenantId?: string;
  @ApiProperty({ description: 'The eventId' }) id: string;
  @ApiProperty() eventId: string;
  @ApiProperty() fingerprint: string;
  @ApiProperty({ type: String, nullable: true }) domainprint: string | null;
  @ApiProperty({ type: String, nullable: true }) userId: string | null;
  @ApiProperty() domain: string;
  @ApiProperty({ type: String, nullable: true }) url: string | null;
  @ApiProperty({ enum: EVENT_TYPES, enumName: 'EventType' }) eventType: EventType;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: String, nullable: true }) userAgent: string | null;
  @ApiProperty({ type: GeoDto, nullable: true }) geo: GeoDto | null;
  @ApiProperty({ type: CampaignDto, nullable: true }) campaign: CampaignDto | null;
  @ApiProperty({ type: String, nullable: true }) sessionId: string | null;
  @ApiProperty(dateTime('When the event happened')) timestamp: string;
  @ApiProperty(dateTime('When the API accepted it')) receivedAt: string;
}

export const EventPageDto = PageOf(EventDto);

export class EventAcceptedDto {
  @ApiProperty({ description: 'The eventId (generated when absent)' }) id: string;
  @ApiPropertyOptional({ description: 'With `Prefer: wait=N` only: whether the event was processed within N seconds' }) processed?: boolean;
}

export class BatchAcceptedDto {
  @ApiProperty(count('Events newly accepted')) accepted: number;
  @ApiProperty(count('Events whose eventId repeats within the batch or was accepted before (stored once)')) duplicates: number;
  @ApiPropertyOptional({ description: 'With `Prefer: wait=N` only: whether the events were processed within N seconds' }) processed?: boolean;
}

export class PipelineStatusDto {
  @ApiProperty(count('Events accepted and not yet processed')) backlog: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Arrival of the oldest waiting event; null when none waits' })
  oldestPendingAt: string | null;
  @ApiProperty({ minimum: 0, description: 'Seconds the oldest waiting event has waited (0 when none waits)' }) lagSeconds: number;
  @ApiProperty(dateTime('The arrival time through which the tenant’s events are processed')) processedThrough: string;
  @ApiProperty(count('Events set aside because they could not be processed')) deadLetters: number;
}
