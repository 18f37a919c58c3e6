import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '#libs/http/src/index.js';

export const WEBHOOK_ID_PATTERN = /^wh_[A-Za-z0-9_-]{22}$/;
export const DELIVERY_ID_PATTERN = /^msg_[0-9a-f]{32}$/;

@Injectable()
export class ParseWebhookIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!WEBHOOK_ID_PATTERN.test(value)) throw invalidField('id', 'id must be a webhook id (wh_ followed by 22 characters)');
    return value;
  }
}

@Injectable()
export class ParseDeliveryIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!DELIVERY_ID_PATTERN.test(value)) throw invalidField('deliveryId', 'deliveryId must be a delivery id (msg_ followed by 32 hex digits)');
    return value;
  }
}
