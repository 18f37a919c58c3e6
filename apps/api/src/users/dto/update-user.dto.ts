import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { USER_STATUSES, type UserStatus } from '../user.types.js';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_STATUSES })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'Replaces the labels (each 1 to 64 characters)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(64, { each: true })
  labels?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'Merge patch (at most 16 KB once merged): nested objects merge, null deletes a key; __proto__, constructor and prototype keys are rejected',
  })
  @IsOptional()
  @IsObject()
  // The body exactly as parsed: transforming it into class instances would swallow a `__proto__` key instead of rejecting it.
  @Transform(({ obj }) => (obj as { metadata?: unknown }).metadata)
  metadata?: Record<string, unknown>;
}
