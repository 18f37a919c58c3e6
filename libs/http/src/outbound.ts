import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where the server may send requests a tenant asked for (its IdP's JWKS, later its webhooks). A URL a
 * tenant writes must never reach the server's own network: loopback, private ranges, the cloud metadata
 * address, and so on. The host is resolved, every address it resolves to is checked, and the connection
 * goes to the address that was checked, so a DNS answer that changes between check and connect
 * (rebinding) cannot redirect it.
 */
export interface OutboundPolicy {
  /** Loopback and private addresses allowed: local receivers in development and tests only. */
  allowPrivate: boolean;
  /** Plain http refused (production). */
  httpsOnly: boolean;
}

export class OutboundError extends Error {
  constructor(
    /** `not_allowed`: the URL breaks the rules (refused before connecting); `failed`: the request did not succeed. */
    readonly kind: 'not_allowed' | 'failed',
    message: string,
    /** Nothing answered: the deadline passed, or the receiver could not be reached (not a refusal or a bad answer). */
    readonly unanswered = false,
  ) {
    super(message);
  }
}

const BLOCKED_V4: Array<[string, number, string]> = [
  ['0.0.0.0', 8, 'an unspecified address'],
  ['10.0.0.0', 8, 'a private address'],
  ['100.64.0.0', 10, 'a carrier-grade NAT address'],
  ['127.0.0.0', 8, 'a loopback address'],
  ['169.254.0.0', 16, 'a link-local address (cloud metadata included)'],
  ['172.16.0.0', 12, 'a private address'],
  ['192.0.0.0', 24, 'a reserved address'],
  ['192.0.2.0', 24, 'a documentation address'],
  ['192.168.0.0', 16, 'a private address'],
  ['198.18.0.0', 15, 'a benchmarking address'],
  ['198.51.100.0', 24, 'a documentation address'],
  ['203.0.113.0', 24, 'a documentation address'],
  ['224.0.0.0', 4, 'a multicast address'],
  ['240.0.0.0', 4, 'a reserved address'],
];
const BLOCKED_V6: Array<[string, number, string]> = [
  // IPv4-compatible (deprecated) and the unspecified and loopback addresses; mapped forms are checked as IPv4.
  ['::', 96, 'an unspecified, loopback or IPv4-compatible address'],
  ['fc00::', 7, 'a unique local address'],
  ['fe80::', 10, 'a link-local address'],
  ['fec0::', 10, 'a site-local address'],
  ['ff00::', 8, 'a multicast address'],
  ['2001:db8::', 32, 'a documentation address'],
];

function blockList(ranges: Array<[string, number, string]>, family: 'ipv4' | 'ipv6'): Array<[BlockList, string]> {
  return ranges.map(([network, prefix, what]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return [list, what];
  });
}
const V4_RULES = blockList(BLOCKED_V4, 'ipv4');
const V6_RULES = blockList(BLOCKED_V6, 'ipv6');

/** The eight 16-bit groups of an IPv6 address (a trailing dotted quad included). */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, -dotted[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const first = parse(head);
  const last = parse(tail);
  return tail === undefined ? first : [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/** IPv4 embedded in an IPv6 address the network would route as that IPv4 address (mapped ::ffff:0:0/96, NAT64 64:ff9b::/96). */
function embeddedIpv4(groups: number[]): string | undefined {
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 = groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!mapped && !nat64) return undefined;
  return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join('.');
}

/** Why `address` may not be contacted, or undefined when it is a public address. */
export function forbiddenAddress(address: string): string | undefined {
  const family = isIP(address);
  if (family === 4) return V4_RULES.find(([list]) => list.check(address, 'ipv4'))?.[1];
  if (family !== 6) return 'not an IP address';
  const groups = ipv6Groups(address);
  const v4 = embeddedIpv4(groups);
  if (v4 !== undefined) return forbiddenAddress(v4);
  const canonical = groups.map((group) => group.toString(16)).join(':');
  return V6_RULES.find(([list]) => list.check(canonical, 'ipv6'))?.[1];
}

export interface CheckedTarget {
  url: URL;
  /** The address the connection must go to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

/** Parses and checks `raw` under `policy`: scheme, then every address its host resolves to. */
export async function checkOutboundUrl(raw: string, policy: OutboundPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError('not_allowed', `${raw.slice(0, 200)} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new OutboundError('not_allowed', 'only http(s) URLs are allowed');
  if (policy.httpsOnly && url.protocol !== 'https:') throw new OutboundError('not_allowed', 'only https:// URLs are allowed');
  if (url.username || url.password) throw new OutboundError('not_allowed', 'URLs may not carry credentials');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: Array<{ address: string; family: number }>;
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new OutboundError('not_allowed', `${host} does not resolve`);
    }
  }
  if (addresses.length === 0) throw new OutboundError('not_allowed', `${host} does not resolve`);
  if (!policy.allowPrivate) {
    for (const { address } of addresses) {
      const reason = forbiddenAddress(address);
      if (reason) throw new OutboundError('not_allowed', `${host} resolves to ${address}, ${reason}`);
    }
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}

export interface OutboundRequest {
  timeoutMs: number;
  /** Larger answers are cut off and fail. */
  maxBytes: number;
  headers?: Record<string, string>;
  /** GET unless given. */
  method?: 'GET' | 'POST';
  body?: string | Buffer;
  /** Keep-alive connections to reuse (see OutboundConnections); a connection of its own, closed after, unless given. */
  connections?: OutboundConnections;
}

/**
 * Keep-alive connections for repeated requests to the same receivers (webhook deliveries). There is one
 * agent per origin and checked address, so a reused socket always leads to an address that passed the
 * check of the request it carries; when a host starts resolving elsewhere, its old agent simply stops
 * being used, its idle sockets close, and the agent is dropped. Each request saves a TCP (and TLS)
 * handshake, and the receiver a connection per request.
 */
export class OutboundConnections {
  private readonly agents = new Map<string, { agent: http.Agent; lastUsed: number }>();
  private lastSweep = Date.now();

  constructor(
    /** Idle sockets kept per agent (busy ones are not capped here: callers bound their own concurrency). */
    private readonly idleSockets: number,
    /** An idle socket is closed after this (less than common server keep-alive timeouts, 5 s in Node). */
    private readonly idleMs = 4_000,
  ) {}

  agentFor(target: CheckedTarget): http.Agent {
    const now = Date.now();
    if (now - this.lastSweep > AGENT_IDLE_MS) this.sweep(now);
    const key = `${target.url.protocol}//${target.url.host}@${target.address}`;
    let entry = this.agents.get(key);
    if (!entry) {
      const options = { keepAlive: true, maxFreeSockets: this.idleSockets, timeout: this.idleMs };
      entry = { agent: target.url.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options), lastUsed: now };
      this.agents.set(key, entry);
    }
    entry.lastUsed = now;
    return entry.agent;
  }

  /** Closes every connection (shutdown). */
  close(): void {
    for (const { agent } of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, { agent, lastUsed }] of this.agents) {
      if (now - lastUsed <= AGENT_IDLE_MS) continue;
      agent.destroy();
      this.agents.delete(key);
    }
  }
}

/** An agent not used for this long is dropped with its sockets. */
const AGENT_IDLE_MS = 60_000;

/** GETs `raw` under `policy` (see outboundRequest). */
export function outboundGet(raw: string, policy: OutboundPolicy, options: OutboundRequest): Promise<{ status: number; body: Buffer }> {
  return outboundRequest(raw, policy, { ...options, method: 'GET' });
}

/**
 * Sends a request to `raw` under `policy`: checked as above, connected to the checked address (Host and
 * SNI stay the URL's host), redirects not followed, at most `timeoutMs` in all and `maxBytes` read. A request
 * that fails or is cut off destroys its socket, so only sockets of complete answers are reused.
 * Resolves with the status and body of any answer; refusals and network failures reject with an OutboundError.
 */
export async function outboundRequest(raw: string, policy: OutboundPolicy, options: OutboundRequest): Promise<{ status: number; body: Buffer }> {
  // One deadline for all of it, the address check (DNS) included: a resolver that hangs must not hold the caller longer.
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const target = await withinDeadline(checkOutboundUrl(raw, policy), deadline, options.timeoutMs);
  try {
    return await send(target, options, options.connections?.agentFor(target) ?? false, deadline);
  } catch (error) {
    // A kept-alive socket the receiver closed just as this request went out on it (Node's `reusedSocket` case):
    // nothing was answered, so the request goes once more, on a new connection.
    if (error instanceof StaleSocket) return send(target, options, false, deadline);
    throw error;
  }
}

class StaleSocket extends Error {}

function withinDeadline<T>(work: Promise<T>, deadline: AbortSignal, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const expired = () => reject(new OutboundError('failed', `did not answer within ${timeoutMs / 1000} s`, true));
    if (deadline.aborted) return expired();
    deadline.addEventListener('abort', expired, { once: true });
    work.then(resolve, reject).finally(() => deadline.removeEventListener('abort', expired));
  });
}

function send(target: CheckedTarget, options: OutboundRequest, agent: http.Agent | false, deadline: AbortSignal): Promise<{ status: number; body: Buffer }> {
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if ((lookupOptions as { all?: boolean }).all)
      (callback as (error: null, addresses: object[]) => void)(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const fail = (message: string, unanswered = false) => reject(new OutboundError('failed', message, unanswered));
    let answered = false;
    const request = client.request(
      target.url,
      { method: options.method ?? 'GET', headers: options.headers, lookup: pinned, agent, signal: deadline },
      (response) => {
        answered = true;
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400) {
          response.destroy();
          return fail(`answered ${status} (redirects are not followed)`);
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            fail(`answered more than ${options.maxBytes} bytes`);
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
        response.on('error', (error) => fail(describe(error, options.timeoutMs), true));
      },
    );
    request.on('error', (error) => {
      const code = (error as { code?: string }).code;
      if (request.reusedSocket && !answered && !deadline.aborted && (code === 'ECONNRESET' || code === 'EPIPE')) reject(new StaleSocket());
      else fail(describe(error, options.timeoutMs), true);
    });
    request.end(options.body);
  });
}

function describe(error: Error, timeoutMs: number): string {
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return `did not answer within ${timeoutMs / 1000} s`;
  const code = (error as { code?: string }).code;
  return code ? `could not be reached (${code})` : `could not be reached (${error.message})`;
}
