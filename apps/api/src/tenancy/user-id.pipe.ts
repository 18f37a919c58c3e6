import { Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from '#libs/http/src/index.js';
import { USER_ID_PATTERN } from './dto/validators.js';

@Injectable()
export class ParseUserIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!USER_ID_PATTERN.test(value)) throw invalidField('userId', 'userId must be 1-256 printable characters without spaces');
    return value;
  }
}
