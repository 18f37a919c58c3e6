import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { createRootLogger, PinoLoggerService } from './logger.js';

function capture(level = 'info') {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: createRootLogger(level, stream), lines };
}

describe('logging', () => {
  it('redacts credentials wherever a logged object carries them', () => {
    const { logger, lines } = capture();
    logger.info(
      { headers: { authorization: 'Bearer secret-jwt', 'x-api-key': 'sk_live_secret', 'x-admin-api-key': 'adminsecret', accept: 'json' }, token: 'pk_secret' },
      'incoming',
    );
    const text = JSON.stringify(lines);
    for (const secret of ['secret-jwt', 'sk_live_secret', 'adminsecret', 'pk_secret']) expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({ headers: { authorization: '[redacted]', accept: 'json' }, token: '[redacted]' });
  });

  it('writes Nest log calls as structured lines with their context', () => {
    const { logger, lines } = capture();
    const nest = new PinoLoggerService(logger);
    nest.log('application started', 'Bootstrap');
    nest.error({ err: 'boom' }, 'unhandled error', 'Exceptions');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'application started', context: 'Bootstrap' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'unhandled error', context: 'Exceptions', err: 'boom' });
  });

  it('builds nothing below the configured level', () => {
    const { logger, lines } = capture('warn');
    // pino drops the line by itself; what must not happen is the work before it (reading every field of the message).
    let fieldsRead = 0;
    const message = {
      get details() {
        fieldsRead += 1;
        return 'expensive';
      },
    };
    const nest = new PinoLoggerService(logger);
    nest.log(message, 'chatty', 'Anything');
    nest.debug(message, 'Anything');
    expect([lines, fieldsRead]).toEqual([[], 0]);
    nest.warn(message, 'kept', 'Anything');
    expect([lines.length, fieldsRead]).toEqual([1, 1]);
  });
});
