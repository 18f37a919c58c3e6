import { writeFile } from 'node:fs/promises';
import { clientFilePath, renderClientFiles } from './client-files.js';
import { createOpenApiDocument } from './openapi-document.js';

/** `npm run client:generate`: writes the OpenAPI document and the client's types from the app's controllers. */
async function main(): Promise<void> {
  const files = await renderClientFiles(await createOpenApiDocument());
  for (const [name, content] of Object.entries(files)) {
    await writeFile(clientFilePath(process.cwd(), name), content);
    console.log(`wrote ${clientFilePath('.', name)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
