import type { Principal } from '#libs/database/src/index.js';

/** Authenticates machine credentials (API keys and service JWTs); provided by the Tokens module. */
export interface MachineAuthenticator {
  authenticateApiKey(apiKey: string): Promise<Extract<Principal, { kind: 'token' }>>;
  /** True when a bearer token was issued by this service (and so is not a dashboard JWT). */
  isServiceJwt(bearer: string): boolean;
  authenticateServiceJwt(bearer: string): Promise<Extract<Principal, { kind: 'token' }>>;
}

export const MACHINE_AUTHENTICATOR = Symbol('MACHINE_AUTHENTICATOR');
