import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '#libs/http/src/index.js';
import { TOKEN_ID_PATTERN } from './token-secret.js';

@Injectable()
export class ParseTokenIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!TOKEN_ID_PATTERN.test(value)) throw invalidField('id', 'id must be a token id (tok_ followed by 22 characters)');
    return value;
  }
}
