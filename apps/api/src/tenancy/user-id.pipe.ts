import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { USER_ID_PATTERN } from './dto/validators.js';

@Injectable()
export class ParseUserIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!USER_ID_PATTERN.test(value)) throw new BadRequestException('userId must be 1-256 printable characters without spaces');
    return value;
  }
}
