import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageOf } from '#libs/http/src/index.js';
import { WEBHOOK_EVENT_TYPES, WEBHOOK_SUBSCRIPTIONS } from '../webhook.types.js';

export const MAX_WEBHOOK_GRACE_SECONDS = 604_800;
const EVENTS_DESCRIPTION = 'Event types to receive; `*` receives every type';

export class CreateWebhookDto {
  @ApiProperty({
    maxLength: 2048,
    description: 'Where deliveries are POSTed: https:// in production, never an internal address',
    example: 'https://hooks.example.com/admin-api',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  @ApiProperty({ type: [String], enum: WEBHOOK_SUBSCRIPTIONS, minItems: 1, maxItems: WEBHOOK_SUBSCRIPTIONS.length, description: EVENTS_DESCRIPTION })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_SUBSCRIPTIONS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_SUBSCRIPTIONS, { each: true })
  events: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookDto {
  @ApiPropertyOptional({ maxLength: 2048 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ type: [String], enum: WEBHOOK_SUBSCRIPTIONS, minItems: 1, maxItems: WEBHOOK_SUBSCRIPTIONS.length, description: EVENTS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_SUBSCRIPTIONS.length)
  @ArrayUnique()
  @IsIn(WEBHOOK_SUBSCRIPTIONS, { each: true })
  events?: string[];

  @ApiPropertyOptional({ type: String, maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ description: 'true re-enables an endpoint disabled after failures (its pending deliveries resume)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class RotateWebhookSecretDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: MAX_WEBHOOK_GRACE_SECONDS,
    default: 0,
    description: 'How long deliveries stay signed with the old secret too',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_WEBHOOK_GRACE_SECONDS)
  graceSeconds?: number;
}

export class WebhookEndpointDto {
  @ApiProperty({ example: 'wh_3q2S0VbXk9mWq7cF1aB2cD' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: [String], enum: WEBHOOK_SUBSCRIPTIONS }) events: string[];
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Why the endpoint was disabled by the service (410, deliveries that kept failing)' })
  disabledReason: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export const WebhookEndpointPageDto = PageOf(WebhookEndpointDto, 'WebhookEndpointPageDto');

export class CreatedWebhookDto extends WebhookEndpointDto {
  @ApiProperty({ description: 'The signing secret (`whsec_` + base64 of 32 bytes). Shown this once: it is stored encrypted.' })
  secret: string;
}

export class RotatedWebhookSecretDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'The new signing secret, shown this once' }) secret: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Until then deliveries carry a signature with the old secret too' })
  previousSecretExpiresAt: string | null;
}

export class WebhookDeliveryDto {
  @ApiProperty({ description: 'Also the `webhook-id` header of every attempt', example: 'msg_0f8c7e6d5b4a39281706f5e4d3c2b1a0' }) id: string;
  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES }) eventType: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed'] }) status: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) attempts: number;
  @ApiProperty({ type: 'integer', nullable: true, description: "The last attempt's HTTP status; null when it got no answer" }) lastStatusCode: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) durationMs: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it is tried next; null once delivered or failed' })
  nextAttemptAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const WebhookDeliveryPageDto = PageOf(WebhookDeliveryDto, 'WebhookDeliveryPageDto');

export class QueuedDeliveryDto {
  @ApiProperty({ example: 'msg_0f8c7e6d5b4a39281706f5e4d3c2b1a0' }) deliveryId: string;
}
