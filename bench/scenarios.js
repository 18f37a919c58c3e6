// The product scenarios of `npm run bench`. Each returns a request description for autocannon;
// setup creates whatever data and credentials the scenario needs through the public API.
import { setupAnalyticsScenarios } from './analytics-scenarios.js';

export async function setupScenarios(base, options) {
  const scenarios = [
    { name: 'GET /health/live', path: '/health/live' },
    { name: 'GET /health (db ping)', path: '/health' },
  ];
  // The analytics tenant takes minutes to seed the first time: only when its scenarios are wanted
  // (BENCH_ONLY unset, or naming them, e.g. BENCH_ONLY=analytics or BENCH_ONLY='analytics.*fraud').
  if (!process.env.BENCH_ONLY?.includes('analytics') && process.env.BENCH_ONLY) return scenarios;
  scenarios.push(...(await setupAnalyticsScenarios(base, options)));
  return scenarios;
}
