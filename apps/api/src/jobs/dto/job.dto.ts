import { ApiProperty } from '@nestjs/swagger';

export class JobDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'retention' })
  name: string;

  @ApiProperty({ enum: ['queued', 'running', 'succeeded', 'failed'] })
  status: 'queued' | 'running' | 'succeeded' | 'failed';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  finishedAt: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What the job did (its counts), once it succeeded' })
  result: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed' })
  error: string | null;
}

export class QueuedJobDto {
  @ApiProperty({ format: 'uuid', description: 'Follow it with GET /v1/jobs/{id}' })
  jobId: string;
}
