import { describe, expect, it } from '@jest/globals';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkOutboundUrl, forbiddenAddress, OutboundConnections, OutboundError, outboundGet } from './outbound.js';

const PRODUCTION = { allowPrivate: false, httpsOnly: true };
const LOCAL = { allowPrivate: true, httpsOnly: false };

describe('forbiddenAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['255.255.255.255', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'link-local'],
    ['febf::1', 'link-local'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::ffff:a9fe:a9fe', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
    ['64:ff9b::a9fe:a9fe', 'link-local'],
  ])('refuses %s (%s)', (address, what) => {
    expect(forbiddenAddress(address)).toContain(what);
  });

  it.each(['93.184.216.34', '8.8.8.8', '100.128.0.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '2001:4860:4860::8888'])(
    'allows the public address %s',
    (address) => {
      expect(forbiddenAddress(address)).toBeUndefined();
    },
  );
});

describe('checkOutboundUrl', () => {
  const refusal = async (url: string, policy = PRODUCTION) => {
    const error = await checkOutboundUrl(url, policy).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(OutboundError);
    return (error as OutboundError).message;
  };

  it('refuses plain http in production', async () => {
    expect(await refusal('http://93.184.216.34/jwks.json')).toBe('only https:// URLs are allowed');
  });

  it('refuses other schemes and credentials anywhere', async () => {
    expect(await refusal('file:///etc/passwd', LOCAL)).toBe('only http(s) URLs are allowed');
    expect(await refusal('https://user:secret@93.184.216.34/', LOCAL)).toBe('URLs may not carry credentials');
  });

  it.each([
    'https://127.0.0.1/jwks',
    'https://localhost/jwks',
    'https://[::1]/jwks',
    'https://[::ffff:127.0.0.1]/jwks',
    'https://169.254.169.254/latest/meta-data/',
    'https://2130706433/jwks',
    'https://0x7f.1/jwks',
    'https://10.0.0.1/jwks',
    'https://[fd00::1]/jwks',
    'https://[fe80::1]/jwks',
    'https://100.64.1.1/jwks',
    'https://0.0.0.0/jwks',
  ])('refuses %s in production, naming the address', async (url) => {
    expect(await refusal(url)).toMatch(/resolves to .+, an? /);
  });

  it('allows loopback when private addresses are allowed, and pins the checked address', async () => {
    const target = await checkOutboundUrl('http://localhost:9/jwks', LOCAL);
    expect(['127.0.0.1', '::1']).toContain(target.address);
  });

  it('refuses a host that does not resolve', async () => {
    expect(await refusal('https://no-such-host.invalid/jwks')).toBe('no-such-host.invalid does not resolve');
  });
});

describe('outboundGet', () => {
  const serve = async (handler: Parameters<typeof createServer>[1]) => {
    const server = createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://localhost:${(server.address() as AddressInfo).port}/x` };
  };

  it('reads an answer, keeping the Host header of the URL', async () => {
    const { server, url } = await serve((req, res) => res.end(req.headers.host));
    try {
      const answer = await outboundGet(url, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000 });
      expect([answer.status, answer.body.toString()]).toEqual([200, new URL(url).host]);
    } finally {
      server.close();
    }
  });

  it('does not follow redirects, cuts off large answers, and gives up after the timeout', async () => {
    const { server, url } = await serve((req, res) => {
      if (req.url === '/x') {
        res.writeHead(302, { Location: 'http://169.254.169.254/' });
        res.end();
      } else if (req.url === '/big') res.end('x'.repeat(10_000));
      // /slow never answers
    });
    const base = url.slice(0, -2);
    try {
      await expect(outboundGet(url, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000 })).rejects.toThrow('answered 302 (redirects are not followed)');
      await expect(outboundGet(`${base}/big`, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000 })).rejects.toThrow('answered more than 1000 bytes');
      await expect(outboundGet(`${base}/slow`, LOCAL, { timeoutMs: 200, maxBytes: 1_000 })).rejects.toThrow('did not answer within 0.2 s');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('reuses a kept-alive connection for complete answers only', async () => {
    // The client's port names the connection a request came on.
    const { server, url } = await serve((req, res) => res.end(req.url === '/big' ? 'x'.repeat(10_000) : String(req.socket.remotePort)));
    const connections = new OutboundConnections(4);
    const base = url.slice(0, -2);
    const portOf = async (options: { connections?: OutboundConnections } = { connections }) =>
      (await outboundGet(url, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000, ...options })).body.toString();
    try {
      const first = await portOf();
      expect(await portOf()).toBe(first);
      // Without the pool: a connection of its own.
      expect(await portOf({})).not.toBe(first);
      // An answer cut off destroys its connection: the next request opens another.
      await expect(outboundGet(`${base}/big`, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000, connections })).rejects.toThrow('answered more than');
      const after = await portOf();
      expect(after).not.toBe(first);
      expect(await portOf()).toBe(after);
    } finally {
      connections.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('sends once more on a new connection when the receiver closed the kept-alive one as the request went out', async () => {
    // A receiver that drops a connection at its second request, unanswered (as a server closing idle sockets does).
    const requestsOn = new Map<unknown, number>();
    const { server, url } = await serve((req, res) => {
      const count = (requestsOn.get(req.socket) ?? 0) + 1;
      requestsOn.set(req.socket, count);
      if (count > 1) req.socket.destroy();
      else res.end(String(req.socket.remotePort));
    });
    const connections = new OutboundConnections(4);
    try {
      const first = (await outboundGet(url, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000, connections })).body.toString();
      const second = (await outboundGet(url, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000, connections })).body.toString();
      expect(second).not.toBe(first);
      expect([...requestsOn.values()]).toEqual([2, 1]);
    } finally {
      connections.close();
      server.closeAllConnections();
      server.close();
    }
  });

  it('tells a receiver that did not answer from one that answered badly', async () => {
    const { server, url } = await serve((_req, res) => {
      res.writeHead(302, { Location: '/elsewhere' });
      res.end();
    });
    const failure = (target: string) =>
      outboundGet(target, LOCAL, { timeoutMs: 5_000, maxBytes: 1_000 }).then(
        () => undefined,
        (error: OutboundError) => [error.message.replace(/\(.*\)/, '(…)'), error.unanswered],
      );
    try {
      expect(await failure(url)).toEqual(['answered 302 (…)', false]);
    } finally {
      server.close();
    }
    // The port is closed now: the connection is refused.
    expect(await failure(url)).toEqual(['could not be reached (…)', true]);
  });
});
