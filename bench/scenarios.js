// The product scenarios of `npm run bench`, one group per feature. BENCH_ONLY (a regular expression)
// selects scenarios by name; a group whose set-up is slow (seeding a big tenant) is set up only when
// BENCH_ONLY is unset or names it.
import { setupEventScenarios } from './event-scenarios.js';
import { setupExportScenarios } from './export-scenarios.js';
import { setupMachineScenarios } from './machine-scenarios.js';
import { setupNoisyNeighbourScenarios } from './noisy-neighbour-scenarios.js';
import { setupPlatformScenarios } from './platform-scenarios.js';
import { setupTenantIdpScenarios } from './tenant-idp-scenarios.js';

const GROUPS = [
  { name: 'platform', setup: setupPlatformScenarios },
  // The same read with a platform-IdP token and with a tenant-IdP token.
  { name: 'tenant-idp', setup: setupTenantIdpScenarios },
  { name: 'machine', setup: setupMachineScenarios },
  // One tenant's read alone and while another floods it with its publishable key.
  { name: 'neighbour', setup: setupNoisyNeighbourScenarios },
  // Seeds the big tenant that the users list and the analytics endpoints are measured on.
  { name: 'events|analytics', setup: setupEventScenarios, slow: true },
  // Inserts the export tenant's events once (BENCH_EXPORT_ROWS).
  { name: 'export', setup: setupExportScenarios, slow: true },
];

export async function setupScenarios(base, options) {
  const only = process.env.BENCH_ONLY;
  const scenarios = [];
  for (const group of GROUPS) {
    if (only && group.slow && !group.name.split('|').some((name) => new RegExp(only).test(name))) continue;
    scenarios.push(...(await group.setup(base, options)));
  }
  return scenarios;
}
