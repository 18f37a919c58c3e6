import { expect } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Response } from 'supertest';
import { walkPages } from './cursors.js';
import type { TestApp } from './test-app.js';

type Query = Record<string, string | number>;

/** An export answered in full: the body as text (NDJSON and CSV are not parsed by supertest). */
export async function fetchExport(t: TestApp, path: string, headers: Record<string, string>, query: Query = {}, accept?: string): Promise<Response> {
  const request = t.http.get(path).query(query).set(headers);
  if (accept !== undefined) request.set('Accept', accept);
  return request.buffer(true).parse((res, done) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => done(null, text));
  });
}

/** The items of an NDJSON body, one per line, every line ended by `\n`. */
export function ndjsonItems<T>(text: string): T[] {
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text
    .split('\n')
    .slice(0, -1)
    .map((line) => JSON.parse(line) as T);
}

/** The records of a CSV body as raw lines (fixtures keep line breaks out of their values), header first. */
export function csvLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  return text.split('\r\n').slice(0, -1);
}

/** Every item of a list route, page by page, in the list's order. */
export function listAll<T>(t: TestApp, path: string, headers: Record<string, string>, query: Query, limit = 37): Promise<T[]> {
  return walkPages<T>((cursor) =>
    t.http
      .get(path)
      .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
      .set(headers),
  );
}

/**
 * An export read by hand over a real socket: it reads until `pauseAfter` bytes have arrived, then stops reading
 * (the kernel's buffers fill and the server must wait), until `resume()` reads the rest.
 */
export interface SlowExport {
  status: Promise<number>;
  /** Bytes received so far. */
  received(): number;
  /** Reads to the end; resolves with the number of lines of the whole body. */
  resume(): Promise<number>;
  /** Goes away mid-way, as a client that gives up. */
  abort(): void;
}

/** The app's port on loopback (listening from the first call on). */
export async function loopbackPort(t: TestApp): Promise<number> {
  const server = t.app.getHttpServer();
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export function slowExport(port: number, path: string, headers: Record<string, string>, pauseAfter: number): SlowExport {
  let bytes = 0;
  let lines = 0;
  let response: http.IncomingMessage | undefined;
  let ended: Promise<number> | undefined;
  // No keep-alive: the socket ends with the export, and nothing is left open for the suite's teardown.
  const request = http.get({ host: '127.0.0.1', port, path, headers, agent: false });
  const status = new Promise<number>((resolve, reject) => {
    request.on('error', reject);
    request.on('response', (res) => {
      response = res;
      ended = new Promise((done, fail) => {
        res.on('end', () => done(lines));
        res.on('error', fail);
      });
      // A client that aborts on purpose does not wait for the end.
      ended.catch(() => undefined);
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (const byte of chunk) if (byte === 0x0a) lines += 1;
        if (bytes >= pauseAfter) res.pause();
      });
      resolve(res.statusCode ?? 0);
    });
  });
  return {
    status,
    received: () => bytes,
    resume: async () => {
      await status;
      pauseAfter = Infinity;
      response!.resume();
      return ended!;
    },
    abort: () => request.destroy(),
  };
}
