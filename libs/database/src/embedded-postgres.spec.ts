import { describe, expect, it } from '@jest/globals';
import { embeddedSharedBuffersMb } from './embedded-postgres.js';

const GIB = 2 ** 30;

describe('embeddedSharedBuffersMb', () => {
  it('takes a quarter of the machine, between the PostgreSQL default and 2 GB', () => {
    expect(embeddedSharedBuffersMb(4 * GIB)).toBe(1024);
    expect(embeddedSharedBuffersMb(256 * 2 ** 20)).toBe(128);
    expect(embeddedSharedBuffersMb(24 * GIB)).toBe(2048);
  });
});
