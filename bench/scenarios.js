// The product scenarios of `npm run bench`. Each returns a request description for autocannon;
// setup creates whatever data and credentials the scenario needs through the public API.

export async function setupScenarios(base) {
  return [
    { name: 'GET /health/live', path: '/health/live' },
    { name: 'GET /health (db ping)', path: '/health' },
  ];
}
