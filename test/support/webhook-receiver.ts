import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * A real HTTP receiver on loopback. Each path answers with the statuses queued for it, in order (the last
 * one repeats; 200 by default), and every request is kept for the suite to inspect.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly statuses = new Map<string, number[]>();
  /** Paths whose requests wait unanswered until released, with the answers they wait for. */
  private readonly held = new Map<string, Array<() => void>>();
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly server: http.Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const receiver = new WebhookReceiver(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => receiver.answer(req, res, Buffer.concat(chunks).toString('utf8')));
    });
    return receiver;
  }

  /** Answers on `path` with these statuses, one per request, then the last one forever. */
  respond(path: string, ...statuses: number[]): void {
    this.statuses.set(path, statuses);
  }

  /** Requests on `path` get no answer until `release(path)` (a receiver that hangs). */
  hold(path: string): void {
    this.held.set(path, []);
  }

  /** Answers every held request on `path`, and answers the next ones at once. */
  release(path: string): void {
    const waiting = this.held.get(path) ?? [];
    this.held.delete(path);
    for (const answer of waiting) answer();
  }

  on(path: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === path);
  }

  /** Resolves once `path` has received `count` requests matching `match`. */
  async waitFor(path: string, count: number, match: (request: ReceivedWebhook) => boolean = () => true, timeoutMs = 20_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.on(path).filter(match);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`${path} received ${found.length} of ${count} expected requests`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, body: string): void {
    const path = req.url ?? '/';
    this.received.push({ path, headers: req.headers as Record<string, string>, body });
    const queued = this.statuses.get(path) ?? [200];
    const status = queued.length > 1 ? queued.shift()! : queued[0];
    const answer = () => res.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    const held = this.held.get(path);
    if (held) held.push(answer);
    else answer();
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
