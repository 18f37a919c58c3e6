import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_CSV_COLUMNS } from '../../apps/api/src/fingerprints/event.types.js';
import { csvFormat } from '../../libs/http/src/export-stream.js';
import { fetchExport, listAll } from '../support/exports.js';
import { createTenantSession, type TenantSession } from '../support/session.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Awkward rows, written straight into the table (so timestamps keep their microseconds and values skip ingest's
 * checks): columns event_id, seconds before now, microseconds, fingerprint, domainprint, user_id, url, ip,
 * user_agent, lat, lon, country, city, session_id, campaign source, medium, name, term, content.
 */
const ROWS: unknown[][] = [
  [
    'ev_quotes',
    10,
    678901,
    'fp "q", c',
    'dp\nline',
    'user,1',
    'https://shop.example.com/?a=1,b="2"',
    '203.0.113.7',
    'Moz "quoted", comma\nnewline\r\nCRLF',
    -33.5,
    151.25,
    'AU',
    'Syd"ney',
    's,1',
    'news"letter',
    'e,mail',
    'spring, "sale"',
    'line\nbreak',
    null,
  ],
  [
    'ev_formula',
    20,
    999999,
    '+fp',
    '-dp',
    '=SUM(A1)',
    '@url',
    '2001:db8::1',
    '\ttab',
    0.1,
    0.3,
    '＝FW',
    '－city',
    '@s',
    '\tsrc',
    '\rmedium',
    '＋name',
    '＠term',
    '-content',
  ],
  [
    'ev_é_😀',
    30,
    500000,
    'fp_ü',
    null,
    'user_ß',
    'https://example.com/ä?q=ö',
    null,
    'ctrl \u0001 \u001f \u007f \u2028 back\\slash "',
    '-0',
    1e-7,
    null,
    'São Paulo',
    null,
    null,
    null,
    null,
    null,
    null,
  ],
  ['ev_nulls', 40, 0, 'fp_null', null, null, null, null, null, null, null, null, null, null, null, null, null, null, null],
  ['ev_numbers_1', 50, 999, '-1', null, '-2', null, '::1', null, 0.00001, -179.99999999999997, 'FR', 'Paris', null, null, null, null, null, null],
  ['ev_numbers_2', 60, 1, 'fp_n2', null, null, null, null, null, 1 / 3, -1.5e-5, null, null, null, null, null, null, null, null],
  ['ev_numbers_3', 70, 123456, 'fp_n3', null, null, null, null, null, 89.99999999999999, 0.0001, null, null, null, null, null, null, null, null],
  ['ev_numbers_4', 80, 654321, 'fp_n4', null, null, null, null, null, 5e-324, -90, null, null, null, null, null, null, null, null],
  ['ev_numbers_5', 90, 10, 'fp_n5', null, null, null, null, null, 48.85 + 0.03, 2.35 + 0.01 * 7, null, null, null, null, null, null, null, null],
];

describe('export lines are the list items, byte for byte', () => {
  let t: TestApp;
  let a: TenantSession;
  let listed: unknown[];

  beforeAll(async () => {
    t = await startTestApp();
    a = await createTenantSession(t, 'lines_a');
    for (const [eventId, seconds, micros, ...rest] of ROWS) {
      await t.db.sql(
        `INSERT INTO events (tenant_id, event_id, ts, fingerprint, domainprint, user_id, domain, url, event_type, ip, user_agent, lat, lon, country, city,
                             session_id, campaign_source, campaign_medium, campaign_name, campaign_term, campaign_content)
         VALUES ($1, $2, date_trunc('second', now()) - make_interval(secs => $3) + make_interval(secs => $4::int / 1e6), $5, $6, $7, 'shop.example.com', $8,
                 'login', $9::inet, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
        [a.tenantId, eventId, seconds, micros, ...rest],
      );
    }
    listed = await listAll<unknown>(t, '/v1/events', a.as('viewer'), {}, 4);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every crafted event', () => {
    expect(listed).toHaveLength(ROWS.length);
    expect(listed.map((item) => (item as { id: string }).id)).toEqual(ROWS.map((row) => row[0]));
  });

  it('writes each NDJSON line as JSON.stringify writes the list item', async () => {
    const ndjson = await fetchExport(t, '/v1/events/export', a.as('viewer'));
    expect(ndjson.status).toBe(200);
    expect(ndjson.body).toBe(listed.map((item) => `${JSON.stringify(item)}\n`).join(''));
  });

  it('writes each CSV record as the CSV writer writes the list item, quoting and formula guard included', async () => {
    const csv = await fetchExport(t, '/v1/events/export', a.as('viewer'), { order: 'asc' }, 'text/csv');
    expect(csv.status).toBe(200);
    const format = csvFormat(EVENT_CSV_COLUMNS);
    expect(csv.body).toBe(format.header + [...listed].reverse().map(format.line).join(''));
  });
});
