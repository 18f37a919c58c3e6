import { BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { MAX_CREDENTIAL_LENGTH } from '../dto/machine.dto.js';

export interface TokenBody {
  token: string;
}

/**
 * `{token}` checked by hand, with the global validation pipe's messages: this body is read on every
 * gateway call, and the class-validator round trip cost about a sixth of that route's time. The route
 * declares `ValidateTokenDto` for the OpenAPI document; its parameter type keeps the global pipe out.
 */
@Injectable()
export class TokenBodyPipe implements PipeTransform<unknown, TokenBody> {
  transform(body: unknown): TokenBody {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestException(['token must be a string']);
    const problems = Object.keys(body)
      .filter((key) => key !== 'token')
      .map((key) => `property ${key} should not exist`);
    const { token } = body as { token?: unknown };
    if (typeof token !== 'string') problems.push('token must be a string');
    else if (token.length === 0) problems.push('token should not be empty');
    else if (token.length > MAX_CREDENTIAL_LENGTH) problems.push(`token must be shorter than or equal to ${MAX_CREDENTIAL_LENGTH} characters`);
    if (problems.length > 0) throw new BadRequestException(problems);
    return { token: token as string };
  }
}
