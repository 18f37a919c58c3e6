import { describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ERROR_CODES, errorCatalogueMarkdown } from '../../libs/http/src/index.js';

const README = path.resolve(import.meta.dirname, '../../README.md');

describe('the error catalogue', () => {
  it('is listed in README exactly as the code defines it', async () => {
    const readme = await readFile(README, 'utf8');
    const block = /<!-- error-codes:start -->\n([\s\S]*?)\n<!-- error-codes:end -->/.exec(readme)?.[1];
    // On a difference, paste the expected table (errorCatalogueMarkdown()) between the markers.
    expect(block).toBe(errorCatalogueMarkdown());
    for (const code of Object.keys(ERROR_CODES)) expect(block).toContain(`| \`${code}\` |`);
  });

  it('uses snake_case codes', () => {
    for (const code of Object.keys(ERROR_CODES)) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
});
