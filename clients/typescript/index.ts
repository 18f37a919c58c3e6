/**
 * A typed client of the Admin API: paths, parameters, bodies and answers come from `schema.d.ts`, which
 * `npm run client:generate` writes from the app's OpenAPI document (`openapi.json`).
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** Every schema of the document by name, e.g. `Schemas['UserDto']`, `Schemas['ErrorBody']`. */
export type Schemas = components['schemas'];

export type ErrorBody = Schemas['ErrorBody'];

export interface AdminApiClientOptions {
  /** Where the API runs, e.g. `https://admin-api.example.com` (no trailing path). */
  baseUrl: string;
  /** The dashboard's IdP JWT (or a service JWT); a function is asked before every request, so a refreshed token is used. */
  token?: string | (() => string | undefined | Promise<string | undefined>);
  /** The tenant to act on (X-Organization-Id); leave it out on platform routes. */
  organizationId?: string;
  /** A machine's API token (X-API-Key), instead of `token`. */
  apiKey?: string;
  /** Another fetch (tests, server-side rendering). */
  fetch?: typeof globalThis.fetch;
}

export type AdminApiClient = Client<paths>;

/** The client: `api.GET('/v1/users', { params: { query: { limit: 20 } } })` answers `{ data, error, response }`, both typed. */
export function createAdminApiClient(options: AdminApiClientOptions): AdminApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  const credentials: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === 'function' ? await options.token() : options.token;
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      if (options.apiKey) request.headers.set('X-API-Key', options.apiKey);
      if (options.organizationId) request.headers.set('X-Organization-Id', options.organizationId);
      return request;
    },
  };
  client.use(credentials);
  return client;
}
