import { ApiProperty } from '@nestjs/swagger';
import type { AuditRecord } from '#libs/audit/src/index.js';
import { count, PageOf } from '#libs/http/src/index.js';

export class AuditRecordDto implements AuditRecord {
  @ApiProperty({ type: String, nullable: true, description: 'null on the platform chain' }) tenantId: string | null;
  @ApiProperty({ type: 'integer', minimum: 1, description: 'Position in the tenant’s chain, from 1 without gaps' }) seq: number;
  @ApiProperty({ type: String, format: 'date-time', description: 'ISO-8601 UTC to the microsecond' }) at: string;
  @ApiProperty({ example: 'member', description: 'member, superadmin, token, admin_key, anonymous, or system (a job, the webhook dispatcher)' })
  actorType: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ example: 'token.create' }) operation: string;
  @ApiProperty({ example: 'token' }) entityType: string;
  @ApiProperty({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty({ enum: ['ok', 'denied', 'error'] }) outcome: 'ok' | 'denied' | 'error';
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ description: 'The previous record’s hash (hex)' }) hashPrev: string;
  @ApiProperty({ enum: [1, 2], description: '1: legacy records; 2: keyed (HMAC) records' }) hashVersion: 1 | 2;
  @ApiProperty({ description: 'This record’s hash (hex)' }) hash: string;
}

export const AuditRecordPageDto = PageOf(AuditRecordDto);

export class ChainValidDto {
  @ApiProperty({ enum: [true] }) valid: true;
  @ApiProperty(count('Records verified')) rows: number;
}

export class ChainBrokenDto {
  @ApiProperty({ enum: [false] }) valid: false;
  @ApiProperty({ type: 'integer', description: 'The first record that does not verify' }) firstBadSeq: number;
  @ApiProperty({ example: 'hash mismatch' }) reason: string;
}

export class AuditCheckpointDto {
  @ApiProperty({ description: 'Compact JWS (ES256, verifiable with /.well-known/jwks.json) over `{tenantId, seq, hash, at}`' }) checkpoint: string;
}
