import type { OpenAPIObject } from '@nestjs/swagger';
import openapiTS, { astToString } from 'openapi-typescript';
import path from 'node:path';

/** Where the committed document and the generated types live, from the repository root. */
export const CLIENT_DIR = 'clients/typescript';

export const REGENERATE_HINT = 'npm run client:generate';

const GENERATED_HEADER = `/**\n * Generated from the OpenAPI document by openapi-typescript: do not edit. Regenerate with \`${REGENERATE_HINT}\`.\n */\n\n`;

/** The committed files, by name, as the document gives them. */
export async function renderClientFiles(document: OpenAPIObject): Promise<Record<'openapi.json' | 'schema.d.ts', string>> {
  const json = `${JSON.stringify(document, null, 2)}\n`;
  // openapi-typescript takes the document as parsed JSON; a copy keeps it from touching the caller's object.
  const ast = await openapiTS(JSON.parse(json) as Parameters<typeof openapiTS>[0]);
  return { 'openapi.json': json, 'schema.d.ts': GENERATED_HEADER + astToString(ast) };
}

export const clientFilePath = (root: string, name: string) => path.join(root, CLIENT_DIR, name);
