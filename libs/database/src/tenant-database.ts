import { Inject, Injectable, InternalServerErrorException, Logger, OnApplicationShutdown, ServiceUnavailableException } from '@nestjs/common';
import { ClsService } from '#libs/common/src/cls.service.js';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { Release } from '#libs/common/src/keyed-semaphore.js';
import { DATABASE_POOL, TENANT_POOL } from './database.tokens.js';
import type { RequestContext } from './request-context.js';
import { KnownMembers, TenantAdmission } from './tenant-admission.js';
import { TextRowsQuery } from './text-rows.query.js';

const guardedClients = new WeakSet<PoolClient>();
/** Each checked-out connection's place in its tenant's share, given back with the connection. */
const admissions = new WeakMap<PoolClient, Release>();
/** Aborted when the request's client goes away, so its waits end and leave their queues. */
const closeSignals = new WeakMap<RequestContext, AbortController>();
/** Detached work of a request that already holds a connection (see TenantAdmission.admitNested). */
const nestedStores = new WeakSet<RequestContext>();
/** The admission key of superadmin reads across tenants (no tenant id can look like it). */
const CROSS_TENANT_KEY = '*';
/** pg's own default, for a pool built without `max`. */
const DEFAULT_PG_POOL_SIZE = 10;
/** The server-side cursor of a snapshot read (one per connection at a time: a request runs one snapshot). */
const SNAPSHOT_CURSOR = 'snapshot_rows';

/** A snapshot read whose exclusive lock (see `TenantDatabase.snapshot`) another session holds. */
export class SnapshotLockTaken extends Error {
  constructor(readonly lock: string) {
    super(`The ${lock} lock of this tenant is held by another session`);
  }
}

export interface SnapshotOptions {
  /** Rows per FETCH: the most rows this process holds at once. */
  batchSize: number;
  /**
   * A name whose lock, per tenant, the read holds for as long as it runs (a transaction-level advisory lock, so
   * it is shared by every instance on the database and ends with the transaction, however that ends). Another
   * session holding it makes the read fail with SnapshotLockTaken before any row is read.
   */
  exclusive?: string;
}

export interface TenantBinding {
  tenantExists: boolean;
  /** The user's membership role on the tenant, when a user was named. */
  role: string | null;
  /** The issuer of the tenant's own identity provider, as it stands now. */
  issuer: string | null;
  /** Set when the tenant takes roles from token claims. */
  claimRoles: ClaimRoleStrategy | null;
}

/** Roles from the token: the claim at `roleClaim` through `roleMap`, for tokens whose `orgClaim` names the tenant. */
export interface ClaimRoleStrategy {
  roleClaim: string;
  orgClaim: string;
  roleMap: Record<string, string>;
}

/** A tenant's identity provider, found by its issuer before any tenant is bound. */
export interface IdentityProviderRecord {
  tenantId: string;
  jwksUrl: string;
  audience: string | null;
  authorizedParties: string[];
  algorithms: string[];
}

/**
 * The request's database connection. Binding a tenant takes one round trip that also answers the
 * membership question; the tenant stays in the session setting `app.tenant_id` (read by every RLS
 * policy) while the request holds the connection.
 *
 * These connections come from a pool that nothing else uses, and every checkout is followed by a bind
 * that overwrites both settings before any query can run: so a connection goes back to the pool as it
 * is, without a reset round trip, and its stale tenant can never be read by anyone (a request whose
 * client went away is first rolled back: see releaseConnection).
 *
 * Before a checkout, a request waits for its tenant's fair share of this pool (TenantAdmission), in memory
 * and holding nothing, so one tenant's flood cannot take the connections the others need.
 */
@Injectable()
export class TenantDatabase implements OnApplicationShutdown {
  private readonly admission: TenantAdmission;
  private readonly knownMembers = new KnownMembers();

  constructor(
    @Inject(DATABASE_POOL) private readonly pool: Pool,
    @Inject(TENANT_POOL) private readonly tenantPool: Pool,
    private readonly cls: ClsService<RequestContext>,
  ) {
    // An idle client whose server went away; the next checkout gets a fresh one.
    this.tenantPool.on('error', (error) => new Logger('TenantDatabase').warn(`idle tenant connection lost: ${error.message}`));
    this.admission = new TenantAdmission(this.tenantPool.options.max ?? DEFAULT_PG_POOL_SIZE);
  }

  /** After the HTTP server has closed, so requests still running finish (and write their audit rows) first. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.tenantPool.ended) await this.tenantPool.end();
  }

  async bindTenant(tenantId: string, userId?: string): Promise<TenantBinding> {
    const connection = await this.connection(this.knownMembers.admissionKey(tenantId, userId));
    // A named statement: parsed and planned once per connection, since every request starts with it.
    const { rows } = await connection.query<{ tenant_exists: boolean; role: string | null; issuer: string | null; role_strategy: ClaimRoleStrategy | null }>({
      name: 'bind_tenant_access',
      text: `SELECT set_config('app.tenant_id', $1, false), set_config('app.cross_tenant', '', false), b.tenant_exists, b.role, b.issuer, b.role_strategy
               FROM app_private.tenant_access($1, $2) b`,
      values: [tenantId, userId ?? null],
    });
    this.cls.set('tenantId', tenantId);
    this.cls.set('crossTenant', false);
    if (userId !== undefined && rows[0].role !== null) this.knownMembers.remember(tenantId, userId);
    return { tenantExists: rows[0].tenant_exists, role: rows[0].role, issuer: rows[0].issuer, claimRoles: rows[0].role_strategy };
  }

  /** A caller admitted by its token's claims (no membership row): its next requests wait in the tenant's lane. */
  rememberMember(tenantId: string, userId: string): void {
    this.knownMembers.remember(tenantId, userId);
  }

  /** Asked before any tenant is bound (a token's `iss`), through the narrow SECURITY DEFINER look-up. */
  async identityProviderByIssuer(issuer: string): Promise<IdentityProviderRecord | undefined> {
    const { rows } = await this.pool.query<{
      tenant_id: string;
      jwks_url: string;
      audience: string | null;
      authorized_parties: string[];
      algorithms: string[];
    }>('SELECT * FROM app_private.identity_provider_by_issuer($1)', [issuer]);
    const row = rows[0];
    return (
      row && { tenantId: row.tenant_id, jwksUrl: row.jwks_url, audience: row.audience, authorizedParties: row.authorized_parties, algorithms: row.algorithms }
    );
  }

  /** Asked before any tenant is bound, through the narrow SECURITY DEFINER look-up. */
  async tenantExists(tenantId: string): Promise<boolean> {
    const { rows } = await this.pool.query<{ exists: boolean }>('SELECT app_private.tenant_exists($1) AS exists', [tenantId]);
    return rows[0].exists;
  }

  /** The explicit, audited bypass for superadmin reads across tenants. */
  async bindCrossTenant(): Promise<void> {
    const connection = await this.connection(CROSS_TENANT_KEY);
    await connection.query(`SELECT set_config('app.tenant_id', '', false), set_config('app.cross_tenant', 'on', false)`);
    this.cls.set('tenantId', undefined);
    this.cls.set('crossTenant', true);
  }

  get tenantId(): string | undefined {
    return this.cls.isActive() ? this.cls.get('tenantId') : undefined;
  }

  get crossTenant(): boolean {
    return this.cls.isActive() && this.cls.get('crossTenant') === true;
  }

  /**
   * `statement` names a prepared statement: the server plans it once per connection and reuses the plan.
   * Worth it for big statements run on every write (planning a many-CTE upsert costs more than running
   * it for one event); read queries whose best plan depends on the parameters stay unnamed.
   */
  async query<T extends QueryResultRow>(sql: string, params: unknown[] = [], statement?: string): Promise<T[]> {
    const connection = this.boundConnection();
    const result = statement ? await connection.query<T>({ name: statement, text: sql, values: params }) : await connection.query<T>(sql, params);
    return result.rows;
  }

  /**
   * Runs `work` in one transaction on the request's connection; nested calls join the outer one.
   * If the client goes away mid-way, the connection is rolled back and handed back when the response
   * closes (see releaseConnection); it may already serve another request, so this transaction must
   * neither commit nor roll back on it any more.
   */
  async transaction<T>(work: () => Promise<T>): Promise<T> {
    const connection = this.boundConnection();
    if (this.cls.get('inTransaction')) return work();
    const stillOurs = () => this.cls.get('connection') === connection;
    // Set before BEGIN is sent, so a client that leaves while it runs still gets its connection rolled back.
    this.cls.set('inTransaction', true);
    try {
      await connection.query('BEGIN');
      const result = await work();
      if (!stillOurs()) throw new ServiceUnavailableException('Request closed before its transaction committed');
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      if (stillOurs()) await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.cls.set('inTransaction', false);
    }
  }

  /**
   * The rows of `sql` in batches, read through a server-side cursor in one read-only REPEATABLE READ
   * transaction on the request's connection: every batch sees the same snapshot, and this process holds one
   * batch at a time. The next batch is fetched only when the caller asks for it, so a slow consumer slows the
   * reads instead of filling memory. Only the request's tenant is visible (the connection stays bound, RLS
   * applies). Must not run inside `transaction`.
   *
   * The generator's later steps run in whatever async context pulls them (a stream's reads), so the request's
   * store and connection are captured at the first step. When the client goes away, releaseConnection takes
   * the connection and queues a ROLLBACK behind the FETCH in flight (which ends the cursor and the lock); from
   * then on this generator sends nothing more on it.
   */
  async *snapshot<T extends QueryResultRow>(sql: string, params: unknown[], options: SnapshotOptions): AsyncGenerator<T[], void, undefined> {
    yield* this.snapshotBatches(sql, params, options, async (connection, fetch) => {
      const { rows } = await connection.query<T>(fetch);
      return { batch: rows, rows: rows.length };
    });
  }

  /**
   * Like `snapshot`, for a query of one text column (lines a client receives as they are): each batch is the
   * text of its rows, one after the other, in one Buffer (see TextRowsQuery).
   */
  async *snapshotText(sql: string, params: unknown[], options: SnapshotOptions): AsyncGenerator<Buffer, void, undefined> {
    let expectedBytes: number | undefined;
    yield* this.snapshotBatches(sql, params, options, async (connection, fetch) => {
      const { bytes, rows } = await connection.query(new TextRowsQuery(fetch, expectedBytes)).result;
      // Lines of one export are alike: the next batch most likely fits in a Buffer of this one's size.
      expectedBytes = Math.ceil(bytes.length * 1.1);
      return { batch: bytes, rows };
    });
  }

  private async *snapshotBatches<B>(
    sql: string,
    params: unknown[],
    options: SnapshotOptions,
    fetchBatch: (connection: PoolClient, fetch: string) => Promise<{ batch: B; rows: number }>,
  ): AsyncGenerator<B, void, undefined> {
    const connection = this.boundConnection();
    const store = this.cls.get();
    if (store.inTransaction) throw new InternalServerErrorException('A snapshot read cannot join a transaction');
    const tenantId = store.tenantId;
    const stillOurs = () => store.connection === connection;
    store.inTransaction = true;
    let open = true;
    try {
      await connection.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
      if (options.exclusive !== undefined) {
        if (!tenantId) throw new InternalServerErrorException('An exclusive snapshot read needs a tenant');
        const { rows } = await connection.query<{ locked: boolean }>(
          `SELECT pg_try_advisory_xact_lock(hashtextextended($1::text || ':' || lower($2::text), 0)) AS locked`,
          [options.exclusive, tenantId],
        );
        if (!rows[0].locked) throw new SnapshotLockTaken(options.exclusive);
      }
      await connection.query(`DECLARE ${SNAPSHOT_CURSOR} NO SCROLL CURSOR FOR ${sql}`, params);
      const fetch = `FETCH FORWARD ${options.batchSize} FROM ${SNAPSHOT_CURSOR}`;
      for (;;) {
        if (!stillOurs()) return;
        const { batch, rows } = await fetchBatch(connection, fetch);
        if (rows > 0) yield batch;
        if (rows < options.batchSize) break;
      }
      if (stillOurs()) {
        await connection.query('COMMIT');
        open = false;
      }
    } finally {
      if (stillOurs()) {
        // Ends the cursor and the lock of a read that failed or whose consumer stopped early.
        if (open) await connection.query('ROLLBACK').catch(() => undefined);
        store.inTransaction = false;
      }
    }
  }

  /**
   * Runs `work` on a connection of its own bound to `tenantId`, then releases it. The caller's identity
   * (principal, request id) is inherited; its connection and transaction are not.
   */
  runAsTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.runDetached(() => this.bindTenant(tenantId), work);
  }

  /** Like `runAsTenant`, across all tenants: platform chain writes and audited superadmin reads. */
  runCrossTenant<T>(work: () => Promise<T>): Promise<T> {
    return this.runDetached(() => this.bindCrossTenant(), work);
  }

  /**
   * Runs `work` in a context of its own on `connection`, which the caller checked out and will release:
   * the event-pipeline workers use connections of their own pool (long statements, no request timeout).
   */
  runOnConnection<T>(connection: PoolClient, work: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      this.cls.set('connection', connection);
      return work();
    });
  }

  /**
   * Hands the request's connection back to the pool before the response, for a request that goes on
   * waiting without the database (it may use `runAsTenant` for look-ups meanwhile).
   */
  handBackConnection(): void {
    const connection = this.cls.get('connection');
    if (!connection || this.cls.get('inTransaction')) return;
    this.cls.set('connection', undefined);
    // With its place in the tenant's share: a waiting request holds neither.
    handBack(connection);
  }

  private runDetached<T>(bind: () => Promise<unknown>, work: () => Promise<T>): Promise<T> {
    return this.cls.run(async () => {
      const store = this.cls.get();
      if (store.connection) nestedStores.add(store);
      Object.assign(store, { connection: undefined, inTransaction: false, tenantId: undefined, crossTenant: false });
      try {
        await bind();
        return await work();
      } finally {
        await releaseConnection(store);
      }
    });
  }

  /** The request's connection; the first one waits for the tenant named by `admissionKey` to be under its share. */
  private async connection(admissionKey: string): Promise<PoolClient> {
    const store = this.cls.get();
    if (store.connection) return store.connection;
    if (store.closed) throw new ServiceUnavailableException('Request closed before a database connection was available');
    const admitted = nestedStores.has(store) ? this.admission.admitNested(admissionKey) : await this.admission.admit(admissionKey, closeSignalOf(store));
    let connection: PoolClient;
    try {
      connection = await this.tenantPool.connect();
    } catch (error) {
      admitted();
      throw error;
    }
    if (store.closed) {
      // The client went away while we waited for the pool: nobody will release this connection later.
      connection.release();
      admitted();
      throw new ServiceUnavailableException('Request closed before a database connection was available');
    }
    if (!guardedClients.has(connection)) {
      // A checked-out client emits 'error' when the server goes away; the failing query reports it.
      connection.on('error', () => undefined);
      guardedClients.add(connection);
    }
    admissions.set(connection, admitted);
    store.connection = connection;
    return connection;
  }

  private boundConnection(): PoolClient {
    const connection = this.cls.isActive() ? this.cls.get('connection') : undefined;
    if (!connection && this.cls.isActive() && this.cls.get('closed')) {
      throw new ServiceUnavailableException('Request closed; its database connection was handed back');
    }
    if (!connection || !(this.cls.get('tenantId') || this.cls.get('crossTenant'))) {
      throw new InternalServerErrorException('Database access before the tenant was bound');
    }
    return connection;
  }
}

/**
 * Hands the request's connection back to the tenant pool (see TenantDatabase: the next checkout rebinds
 * it). After a finished request that is immediate. A request its client `abandoned` may still have
 * queries queued on the connection, or a transaction open: a ROLLBACK queued behind them (a no-op
 * outside a transaction) hands the connection back only once all of that is over; a failed rollback
 * discards the connection.
 */
export async function releaseConnection(store: RequestContext | undefined, { abandoned = false } = {}): Promise<void> {
  if (!store) return;
  store.closed = true;
  // A request still queued for its tenant's share or for a turn leaves the queue now, holding nothing.
  closeSignals.get(store)?.abort();
  const connection = store.connection;
  if (!connection) return;
  store.connection = undefined;
  if (!abandoned && !store.inTransaction) {
    handBack(connection);
    return;
  }
  try {
    await connection.query('ROLLBACK');
    handBack(connection);
  } catch (error) {
    handBack(connection, error instanceof Error ? error : new Error(String(error)));
  }
}

/** Returns a connection to the pool and its place to the tenant's share, together: the share counts connections in use. */
function handBack(connection: PoolClient, error?: Error): void {
  // Read before the release: from then on the pool may hand the connection to someone else.
  const admitted = admissions.get(connection);
  admissions.delete(connection);
  connection.release(error);
  admitted?.();
}

function closeSignalOf(store: RequestContext): AbortSignal {
  let controller = closeSignals.get(store);
  if (!controller) {
    controller = new AbortController();
    closeSignals.set(store, controller);
  }
  return controller.signal;
}
