import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class AuditVerifyQueryDto {
  @ApiPropertyOptional({ description: 'A checkpoint from GET /v1/audit/checkpoint: the chain must still hold its head, unchanged' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  checkpoint?: string;
}
