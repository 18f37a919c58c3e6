import type { Principal } from '#libs/database/src/index.js';

const MAX_ENTRIES = 10_000;
/** A key removed from the IdP's JWKS stops being honoured within this long. */
const MAX_TTL_MS = 60_000;

/**
 * Dashboards send the same JWT on every call: a signature verified once is remembered (keyed by the
 * token itself) until the token expires, at most a minute, so the hot path skips the RSA/EC verify.
 * Membership is never cached here: it is checked against the database on every request.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { principal: Principal; until: number }>();

  get(token: string): Principal | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (entry.until <= Date.now()) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.principal;
  }

  /** A token without a usable `exp` is never remembered (the strategy refuses it anyway). */
  set(token: string, principal: Principal, expiresAtSeconds: unknown): void {
    if (typeof expiresAtSeconds !== 'number' || !Number.isFinite(expiresAtSeconds)) return;
    const until = Math.min(expiresAtSeconds * 1000, Date.now() + MAX_TTL_MS);
    if (until <= Date.now()) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { principal, until });
  }
}
