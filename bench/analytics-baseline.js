// The analytics baseline of `npm run bench`: what seed 000 did for its dashboard screens. Every request
// loads the tenant's raw events from PostgreSQL and aggregates them in JavaScript (signals, risk, clusters,
// attribution). Same data and same answers' shape as the API's endpoints, so the ratio compares approaches.
import { createServer } from 'node:http';
import pg from 'pg';

const TENANT = process.env.BENCH_TENANT;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
pool.on('error', () => undefined);
const DAY = 86_400_000;
const WEIGHTS = { impossible_travel: 40, device_shared: 25, account_sharing: 20, velocity: 15 };

async function loadEvents() {
  const { rows } = await pool.query(
    `SELECT ts, user_id, fingerprint, domainprint, lat, lon, city, country, event_type, session_id, campaign_source, campaign_medium, campaign_name
     FROM events WHERE tenant_id = $1 ORDER BY ts, id`,
    [TENANT],
  );
  for (const row of rows) row.t = row.ts.getTime();
  return rows;
}

function haversine(a, b) {
  const rad = (x) => (x * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lon - a.lon) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const push = (map, key, value) => (map.get(key) ?? map.set(key, []).get(key)).push(value);
const inWindow = (t, window) => t >= window.from && t < window.to;

/** Incidents per user and signal, computed from scratch over all events. */
function signals(events, window) {
  const flagged = new Map();
  const flag = (user, signal) => (flagged.get(user) ?? flagged.set(user, new Set()).get(user)).add(signal);
  const travel = [];
  const lastGeo = new Map();
  const byUser = new Map();
  const byFingerprint = new Map();
  for (const event of events) {
    push(byFingerprint, event.fingerprint, event);
    if (!event.user_id) continue;
    push(byUser, event.user_id, event);
    if (event.lat === null) continue;
    const previous = lastGeo.get(event.user_id);
    lastGeo.set(event.user_id, event);
    if (!previous) continue;
    const km = haversine(previous, event);
    const hours = (event.t - previous.t) / 3_600_000;
    if (km > 100 && (hours === 0 || km / hours > 900) && inWindow(event.t, window)) {
      flag(event.user_id, 'impossible_travel');
      travel.push({ userId: event.user_id, from: previous, to: event, km, kmh: hours === 0 ? null : km / hours });
    }
  }
  for (const [, fpEvents] of byFingerprint) {
    const users = new Set(fpEvents.filter((event) => event.user_id).map((event) => event.user_id));
    if (users.size >= 2) for (const event of fpEvents) if (event.user_id && inWindow(event.t, window)) flag(event.user_id, 'device_shared');
    // velocity: more than 60 events in [t, t + 60 s)
    for (let start = 0, end = 0; start < fpEvents.length; start += 1) {
      while (end < fpEvents.length && fpEvents[end].t < fpEvents[start].t + 60_000) end += 1;
      if (end - start > 60 && inWindow(fpEvents[start].t, window)) {
        for (let index = start; index < end; index += 1) if (fpEvents[index].user_id) flag(fpEvents[index].user_id, 'velocity');
      }
    }
  }
  const sharing = new Map();
  for (const [user, userEvents] of byUser) {
    // account sharing: 3 or more fingerprints within 24 h
    const counts = new Map();
    for (let start = 0, end = 0; end < userEvents.length; end += 1) {
      counts.set(userEvents[end].fingerprint, (counts.get(userEvents[end].fingerprint) ?? 0) + 1);
      while (userEvents[end].t - userEvents[start].t >= DAY) {
        const fingerprint = userEvents[start].fingerprint;
        if (counts.get(fingerprint) === 1) counts.delete(fingerprint);
        else counts.set(fingerprint, counts.get(fingerprint) - 1);
        start += 1;
      }
      if (counts.size >= 3 && inWindow(userEvents[end].t, window)) {
        flag(user, 'account_sharing');
        push(sharing, user, { kind: 'fingerprints_in_window', fingerprints: [...counts.keys()].sort(), at: userEvents[end].ts });
      }
    }
  }
  return { flagged, travel, byUser, sharing };
}

function fraudStats(events, window) {
  const { flagged, travel, byUser } = signals(events, window);
  const levels = { low: 0, medium: 0, high: 0, critical: 0 };
  const counts = { impossible_travel: 0, device_shared: 0, account_sharing: 0, velocity: 0 };
  const scored = [];
  for (const [user, userEvents] of byUser) {
    if (userEvents[0].t >= window.to) continue;
    const set = flagged.get(user) ?? new Set();
    const score = Math.min(
      100,
      [...set].reduce((sum, signal) => sum + WEIGHTS[signal], 0),
    );
    levels[score >= 75 ? 'critical' : score >= 50 ? 'high' : score >= 25 ? 'medium' : 'low'] += 1;
    for (const signal of set) counts[signal] += 1;
    if (score > 0) scored.push({ userId: user, riskScore: score, signals: [...set] });
  }
  scored.sort((a, b) => b.riskScore - a.riskScore || (a.userId < b.userId ? -1 : 1));
  const place = (event) => ({ lat: event.lat, lon: event.lon, city: event.city, country: event.country, at: event.ts });
  return {
    riskLevels: levels,
    signals: counts,
    topRiskyUsers: scored.slice(0, 10),
    impossibleTravel: travel
      .slice(-10)
      .reverse()
      .map((incident) => ({ userId: incident.userId, from: place(incident.from), to: place(incident.to), km: incident.km, kmh: incident.kmh })),
  };
}

function clusters(events) {
  const parent = new Map();
  const find = (node) => {
    while (parent.get(node) !== node) {
      parent.set(node, parent.get(parent.get(node)));
      node = parent.get(node);
    }
    return node;
  };
  const add = (node) => parent.has(node) || parent.set(node, node);
  const union = (a, b) => {
    add(a);
    add(b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const event of events) {
    if (!event.user_id) continue;
    union(`u:${event.user_id}`, `f:${event.fingerprint}`);
    if (event.domainprint) union(`u:${event.user_id}`, `d:${event.domainprint}`);
  }
  const components = new Map();
  for (const node of parent.keys()) push(components, find(node), node);
  return [...components.values()]
    .map((nodes) => ({
      users: nodes
        .filter((node) => node.startsWith('u:'))
        .map((node) => node.slice(2))
        .sort(),
      fingerprints: nodes
        .filter((node) => node.startsWith('f:'))
        .map((node) => node.slice(2))
        .sort(),
      domainprints: nodes
        .filter((node) => node.startsWith('d:'))
        .map((node) => node.slice(2))
        .sort(),
    }))
    .filter((cluster) => cluster.users.length > 1)
    .sort((a, b) => b.users.length - a.users.length || (a.users[0] < b.users[0] ? -1 : 1))
    .slice(0, 50)
    .map((cluster) => ({ ...cluster, size: cluster.users.length }));
}

function graph(events, userId, depth) {
  const links = new Map();
  const link = (a, b) => {
    push(links, a, b);
    push(links, b, a);
  };
  for (const event of events) {
    if (!event.user_id) continue;
    link(`user:${event.user_id}`, `fingerprint:${event.fingerprint}`);
    if (event.domainprint) link(`user:${event.user_id}`, `domainprint:${event.domainprint}`);
  }
  const seen = new Set([`user:${userId}`]);
  let frontier = [...seen];
  for (let hop = 0; hop < depth && seen.size < 500; hop += 1) {
    const next = [];
    for (const node of frontier)
      for (const neighbour of links.get(node) ?? [])
        if (!seen.has(neighbour) && seen.size < 500) {
          seen.add(neighbour);
          next.push(neighbour);
        }
    frontier = next;
  }
  const nodes = [...seen].map((node) => ({ id: node.slice(node.indexOf(':') + 1), type: node.slice(0, node.indexOf(':')) }));
  return { nodes, truncated: seen.size >= 500 };
}

function attribution(events, window, groupBy) {
  const column = { source: 'campaign_source', medium: 'campaign_medium', campaign: 'campaign_name' }[groupBy];
  const groups = new Map();
  const group = (key) =>
    groups.get(key) ?? groups.set(key, { visits: 0, users: new Set(), signups: 0, purchases: 0, converting: new Set(), firstTouch: 0 }).get(key);
  const firstTouch = new Map();
  const lastTouch = new Map();
  for (const event of events) {
    if (event.campaign_source !== null) {
      if (event.user_id) {
        if (!firstTouch.has(event.user_id)) firstTouch.set(event.user_id, event[column]);
        lastTouch.set(event.user_id, event[column]);
      }
      if (inWindow(event.t, window)) {
        const entry = group(event[column]);
        entry.visits += 1;
        if (event.user_id) entry.users.add(event.user_id);
      }
    }
    if ((event.event_type === 'signup' || event.event_type === 'purchase') && event.user_id && lastTouch.has(event.user_id) && inWindow(event.t, window)) {
      const entry = group(lastTouch.get(event.user_id));
      entry[event.event_type === 'signup' ? 'signups' : 'purchases'] += 1;
      entry.converting.add(event.user_id);
      group(firstTouch.get(event.user_id)).firstTouch += 1;
    }
  }
  return {
    data: [...groups].map(([key, entry]) => ({
      [groupBy]: key,
      visits: entry.visits,
      uniqueUsers: entry.users.size,
      signups: entry.signups,
      purchases: entry.purchases,
      conversionRate: entry.users.size ? [...entry.converting].filter((user) => entry.users.has(user)).length / entry.users.size : 0,
      firstTouchConversions: entry.firstTouch,
      lastTouchConversions: entry.signups + entry.purchases,
    })),
  };
}

function accountSharing(events, window) {
  const { sharing } = signals(events, window);
  const data = [...sharing].map(([userId, evidence]) => ({
    userId,
    fingerprints: [...new Set(evidence.flatMap((entry) => entry.fingerprints))].sort(),
    evidence: evidence.slice(-20),
  }));
  return { totals: { users: data.length, fingerprints: new Set(data.flatMap((user) => user.fingerprints)).size }, data: data.slice(0, 50), nextCursor: null };
}

const ROUTES = {
  '/fraud/stats': (events, window) => fraudStats(events, window),
  '/identity-graph': (events, window, query) =>
    query.get('userId') ? graph(events, query.get('userId'), Number(query.get('depth') ?? 2)) : { data: clusters(events) },
  '/attribution/stats': (events, window, query) => attribution(events, window, query.get('groupBy') ?? 'source'),
  '/account-sharing': (events, window) => accountSharing(events, window),
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://baseline');
  const route = ROUTES[url.pathname];
  if (!route) {
    res.writeHead(404).end();
    return;
  }
  try {
    const to = Date.now();
    const body = route(await loadEvents(), { from: to - 30 * DAY, to }, url.searchParams);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
}).listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
