import { Injectable, PipeTransform } from '@nestjs/common';
import { type FieldError, invalidField, validationFailed } from '#libs/http/src/index.js';
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
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw invalidField('token', 'token must be a string');
    const problems: FieldError[] = Object.keys(body)
      .filter((key) => key !== 'token')
      .map((key) => ({ path: key, message: `${key} should not exist` }));
    const { token } = body as { token?: unknown };
    const problem = (message: string) => problems.push({ path: 'token', message });
    if (typeof token !== 'string') problem('token must be a string');
    else if (token.length === 0) problem('token should not be empty');
    else if (token.length > MAX_CREDENTIAL_LENGTH) problem(`token must be shorter than or equal to ${MAX_CREDENTIAL_LENGTH} characters`);
    if (problems.length > 0) throw validationFailed(problems);
    return { token: token as string };
  }
}
