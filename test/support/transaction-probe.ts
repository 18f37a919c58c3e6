import { Body, Controller, Module, Post } from '@nestjs/common';
import { TenantRoute } from '../../libs/auth/src/index.js';
import { TenantDatabase } from '../../libs/database/src/index.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The backend each slow query ran on, in arrival order (the suite reads it; same process). */
export const slowQueryBackends: number[] = [];

/**
 * Test-only route: one transaction that writes a note, waits, and writes another, into `probe_writes`
 * (which the suite creates). It lets a suite abandon a request in the middle of its transaction.
 */
@Controller('test-probe')
class TransactionProbeController {
  constructor(private readonly db: TenantDatabase) {}

  @Post('slow-transaction')
  @TenantRoute({ minRole: 'viewer' })
  async slowTransaction(@Body() body: { first: string; second: string; pauseMs: number }) {
    await this.db.transaction(async () => {
      await this.db.query(`INSERT INTO probe_writes (tenant_id, note) VALUES (current_setting('app.tenant_id'), $1)`, [body.first]);
      await sleep(body.pauseMs);
      await this.db.query(`INSERT INTO probe_writes (tenant_id, note) VALUES (current_setting('app.tenant_id'), $1)`, [body.second]);
    });
    return { done: true };
  }

  @Post('slow-query')
  @TenantRoute({ minRole: 'viewer' })
  async slowQuery(@Body() body: { pauseMs: number }) {
    const [{ pid }] = await this.db.query<{ pid: number }>(`SELECT pg_backend_pid() AS pid`);
    slowQueryBackends.push(pid);
    await this.db.query(`SELECT pg_sleep($1::float8 / 1000)`, [body.pauseMs]);
    return { pid };
  }
}

@Module({ controllers: [TransactionProbeController] })
export class TransactionProbeModule {}
