import { Injectable } from '@nestjs/common';
import { TokenVerifier } from '../machine/token-verifier.js';
import { ServiceJwtService } from './service-jwt.service.js';

export interface ExchangedToken {
  token: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

/** A secret API key for a short-lived service JWT; undefined when the key is not a valid secret key. */
@Injectable()
export class TokenExchangeService {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly jwts: ServiceJwtService,
  ) {}

  async exchange(apiKey: string): Promise<ExchangedToken | undefined> {
    const verdict = await this.verifier.verifyApiKey(apiKey);
    if (!verdict.valid || verdict.record.kind !== 'secret') return undefined;
    const { token, expiresIn } = await this.jwts.sign(verdict.record, verdict.expiresAt);
    return { token, tokenType: 'Bearer', expiresIn };
  }
}
