import path from 'node:path';
import { DevIssuer } from '#libs/auth/src/dev-issuer.js';
import type { CliCommand } from '../main.js';

export const tokenDevCommand: CliCommand = {
  description: 'Mints a dashboard JWT from the development issuer (refused when NODE_ENV=production).',
  usage: '--sub <user id> [--email <email>] [--superadmin] [--ttl <seconds>]',
  options: { sub: { type: 'string' }, email: { type: 'string' }, superadmin: { type: 'boolean' }, ttl: { type: 'string' } },
  run(values) {
    if (process.env.NODE_ENV === 'production') {
      console.error('token:dev is a development convenience and is refused when NODE_ENV=production');
      return 2;
    }
    if (process.env.PLATFORM_JWKS_URL) {
      console.error('PLATFORM_JWKS_URL is set, so the API verifies tokens from that IdP, not from the dev issuer');
      return 2;
    }
    const sub = values.sub;
    if (typeof sub !== 'string' || !sub) {
      console.error('--sub <user id> is required');
      return 2;
    }
    const ttl = values.ttl === undefined ? undefined : Number(values.ttl);
    if (ttl !== undefined && !(Number.isInteger(ttl) && ttl > 0)) {
      console.error('--ttl must be a positive number of seconds');
      return 2;
    }
    const issuer = new DevIssuer(path.resolve(process.env.DATA_DIR ?? '.data'));
    console.log(issuer.sign(sub, { superadmin: values.superadmin === true, email: values.email as string | undefined, ttlSeconds: ttl }));
    return 0;
  },
};
