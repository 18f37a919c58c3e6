import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../libs/database/src/index.js';

/**
 * Runs a migration's `down` then its `up` on the database at `url`, in one transaction committed at the
 * end; `between` inspects the reverted state. Proves a migration reverts and re-applies on a populated store.
 */
export async function revertAndReapply(url: string, migration: MigrationInterface, between?: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.startTransaction();
    await migration.down(runner);
    await between?.(runner);
    await migration.up(runner);
    await runner.commitTransaction();
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
