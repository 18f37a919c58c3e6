import { exportJWK, generateKeyPair, type JWK, SignJWT, type CryptoKey } from 'jose';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TEST_ISSUER = 'https://issuer.test.local/';
export const TEST_AUDIENCE = 'admin-api-tests';

interface IssuerKey {
  kid: string;
  alg: 'RS256' | 'ES256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export interface SignOptions {
  alg?: 'RS256' | 'ES256';
  kid?: string;
  iss?: string;
  aud?: string;
  azp?: string;
  /** Seconds from now; null leaves `exp` out. */
  expiresIn?: number | null;
  notBefore?: number;
  claims?: Record<string, unknown>;
}

/** A local IdP: real RS256 and ES256 keys, a real JWKS over HTTP on loopback, and a fetch counter. */
export class TestIssuer {
  jwksFetches = 0;
  private keys: IssuerKey[] = [];
  private server?: Server;

  private constructor(readonly issuer: string) {}

  /** `issuer`: the `iss` its tokens carry unless a test names another. */
  static async start(iss = TEST_ISSUER): Promise<TestIssuer> {
    const issuer = new TestIssuer(iss);
    await issuer.addKey('RS256', 'rsa-1');
    await issuer.addKey('ES256', 'ec-1');
    issuer.server = createServer((req, res) => {
      issuer.jwksFetches += 1;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({ keys: issuer.keys.map((key) => key.publicJwk) }));
    });
    await new Promise<void>((resolve) => issuer.server!.listen(0, '127.0.0.1', resolve));
    return issuer;
  }

  get jwksUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/.well-known/jwks.json`;
  }

  /** Publishes a new key (a rotation at the IdP); the app has not seen it yet. */
  async addKey(alg: 'RS256' | 'ES256', kid: string): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    this.keys.push({ kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } });
  }

  async sign(sub: string, options: SignOptions = {}): Promise<string> {
    const alg = options.alg ?? 'RS256';
    const key = options.kid ? this.keys.find((candidate) => candidate.kid === options.kid) : this.keys.find((candidate) => candidate.alg === alg);
    if (!key) throw new Error(`no test key ${options.kid ?? alg}`);
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...(options.azp ? { azp: options.azp } : {}), ...options.claims })
      .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(options.iss ?? this.issuer)
      .setAudience(options.aud ?? TEST_AUDIENCE)
      .setIssuedAt(now);
    if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 600));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  publicJwk(kid: string): JWK {
    return this.keys.find((key) => key.kid === kid)!.publicJwk;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
