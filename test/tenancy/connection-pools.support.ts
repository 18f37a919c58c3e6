import { expect } from '@jest/globals';
import type { Pool } from 'pg';
import { TENANT_POOL } from '../../libs/database/src/index.js';
import type { TestApp } from '../support/test-app.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connections of the app's tenant-bound pool checked out now (or being opened for a checkout). */
function checkedOut(t: TestApp): number {
  const pool = t.app.get<Pool>(TENANT_POOL, { strict: false });
  return pool.totalCount - pool.idleCount;
}

/** The most tenant-pool connections checked out at once while `work` runs. */
export async function peakCheckedOut<T>(t: TestApp, work: () => Promise<T>): Promise<{ peak: number; result: T }> {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, checkedOut(t))), 1);
  try {
    return { result: await work(), peak };
  } finally {
    clearInterval(sample);
  }
}

/** Waits (at most 5 s) until `count` tenant-pool connections are checked out. */
export async function waitForCheckedOut(t: TestApp, count: number): Promise<void> {
  for (let waited = 0; checkedOut(t) < count && waited < 5_000; waited += 5) await sleep(5);
  expect(checkedOut(t)).toBe(count);
}
