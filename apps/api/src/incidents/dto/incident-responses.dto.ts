import { ApiProperty } from '@nestjs/swagger';
import { count, dateTime, PageOf } from '#libs/http/src/index.js';
import { SIGNALS, type Signal } from '../../signals/risk.js';
import { INCIDENT_STATUSES, type IncidentStatus } from './incidents.dto.js';

export class IncidentSubjectDto {
  @ApiProperty({ enum: ['user', 'fingerprint'] }) type: 'user' | 'fingerprint';
  @ApiProperty() id: string;
}

export class IncidentDto {
  @ApiProperty({ example: 'inc_1042' }) id: string;
  @ApiProperty({ enum: SIGNALS, enumName: 'Signal' }) signal: Signal;
  @ApiProperty({ enum: INCIDENT_STATUSES, enumName: 'IncidentStatus' }) status: IncidentStatus;
  @ApiProperty({ type: IncidentSubjectDto }) subject: IncidentSubjectDto;
  @ApiProperty({ type: [String], description: 'Users involved' }) users: string[];
  @ApiProperty(dateTime('Time of the first event behind it')) firstSeenAt: string;
  @ApiProperty(dateTime('Time of the latest event behind it')) lastSeenAt: string;
  @ApiProperty(count('Times the signal fired for this subject that day')) occurrences: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What the signal saw' }) evidence: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true, description: 'The tenant’s triage note' }) note: string | null;
}

export const IncidentPageDto = PageOf(IncidentDto);
