import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID, sign as signWith } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir } from '#libs/common/src/private-dir.js';
import { SigningKeyResolver } from './jwks-key-resolver.js';

export const DEV_ISSUER = 'admin-api-dev-issuer';
export const DEV_AUDIENCE = 'admin-api';
/** The claim the dev issuer sets for `--superadmin` tokens; honoured only while the dev issuer is in use. */
export const DEV_SUPERADMIN_CLAIM = 'metadata.role';

/**
 * A development identity provider: an RS256 key kept under `.data/dev-issuer/`, so tokens it signs
 * stay valid across restarts. Never constructed when NODE_ENV=production.
 */
export class DevIssuer implements SigningKeyResolver {
  readonly kid: string;
  private readonly privateKey: KeyObject;
  private readonly publicPem: string;

  constructor(dataDir: string) {
    const dir = path.join(dataDir, 'dev-issuer');
    const keyFile = path.join(dir, 'private-key.pem');
    if (!existsSync(keyFile)) {
      ensurePrivateDir(dir);
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(path.join(dir, 'kid'), `dev-${randomUUID().slice(0, 8)}`);
    }
    this.privateKey = createPrivateKey(readFileSync(keyFile, 'utf8'));
    this.publicPem = createPublicKey(this.privateKey).export({ type: 'spki', format: 'pem' }).toString();
    this.kid = readFileSync(path.join(dir, 'kid'), 'utf8').trim();
  }

  getKey(kid: string): Promise<string> {
    return kid === this.kid ? Promise.resolve(this.publicPem) : Promise.reject(new Error('Unknown signing key'));
  }

  jwks(): { keys: object[] } {
    return { keys: [{ ...createPublicKey(this.privateKey).export({ format: 'jwk' }), kid: this.kid, use: 'sig', alg: 'RS256' }] };
  }

  /** Signs a dashboard token as the IdP would (default lifetime 12 h). */
  sign(sub: string, options: { superadmin?: boolean; email?: string; ttlSeconds?: number } = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid: this.kid };
    const payload = {
      iss: DEV_ISSUER,
      aud: DEV_AUDIENCE,
      sub,
      iat: now,
      nbf: now,
      exp: now + (options.ttlSeconds ?? 12 * 3600),
      ...(options.email ? { email: options.email } : {}),
      ...(options.superadmin ? { metadata: { role: 'superadmin' } } : {}),
    };
    const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
    const signingInput = `${encode(header)}.${encode(payload)}`;
    const signature = signWith('RSA-SHA256', Buffer.from(signingInput), this.privateKey).toString('base64url');
    return `${signingInput}.${signature}`;
  }
}
