import { beforeAll, describe, expect, it } from '@jest/globals';
import { ESLint } from 'eslint';
import path from 'node:path';
import tseslint from 'typescript-eslint';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The repository's own ESLint configuration, run on made-up files: type information and the cycle check
 * (which reads the real import graph) are off, since the boundary rules need neither.
 */
let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfig: [tseslint.configs.disableTypeChecked, { rules: { 'import-x/no-cycle': 'off' } }] });
});

/** The rules `source` breaks when it lives at `file` (relative to the repository root). */
async function rulesBroken(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: path.join(ROOT, file) });
  return result.messages.map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

describe('import boundaries', () => {
  describe('libraries import only earlier layers (local/lib-layers)', () => {
    it('reports a library importing a later one, by alias or by relative path', async () => {
      expect(await rulesBroken('libs/database/src/probe.ts', "import '#libs/auth/src/index.js';\n")).toEqual(['local/lib-layers']);
      expect(await rulesBroken('libs/database/src/probe.ts', "import '../../http/src/index.js';\n")).toEqual(['local/lib-layers']);
    });

    it('reports re-exports and dynamic imports of a later library too', async () => {
      expect(await rulesBroken('libs/auth/src/probe.ts', "export * from '#libs/audit/src/index.js';\n")).toEqual(['local/lib-layers']);
      expect(await rulesBroken('libs/auth/src/probe.ts', "export { AuditModule } from '#libs/audit/src/index.js';\n")).toEqual(['local/lib-layers']);
      expect(await rulesBroken('libs/auth/src/probe.ts', "export const load = () => import('#libs/audit/src/index.js');\n")).toEqual(['local/lib-layers']);
    });

    it('reports a library that has no place in the layers yet, in either direction', async () => {
      expect(await rulesBroken('libs/auth/src/probe.ts', "import '#libs/unplaced/src/index.js';\n")).toEqual(['local/lib-layers']);
      expect(await rulesBroken('libs/unplaced/src/probe.ts', "import '#libs/common/src/cls.service.js';\n")).toEqual(['local/lib-layers']);
    });

    it('lets a library import earlier layers and itself', async () => {
      expect(await rulesBroken('libs/auth/src/probe.ts', "import '#libs/database/src/index.js';\nimport './tenant.guard.js';\n")).toEqual([]);
    });
  });

  describe("feature modules keep out of each other's repositories (local/no-foreign-repository)", () => {
    it("reports importing or re-exporting another module's repository", async () => {
      expect(await rulesBroken('apps/api/src/users/probe.ts', "import '../tokens/tokens.repository.js';\n")).toEqual(['local/no-foreign-repository']);
      expect(await rulesBroken('apps/api/src/users/probe.ts', "export * from '../fraud/identity-graph.repository.js';\n")).toEqual([
        'local/no-foreign-repository',
      ]);
    });

    it("lets a module use its own repository and another module's service", async () => {
      expect(await rulesBroken('apps/api/src/users/probe.ts', "import './users.repository.js';\nimport '../tokens/tokens.service.js';\n")).toEqual([]);
    });
  });

  describe('libraries never import apps (no-restricted-imports)', () => {
    it('reports a library importing from apps/', async () => {
      expect(await rulesBroken('libs/http/src/probe.ts', "import '../../../apps/api/src/app.module.js';\n")).toEqual(['no-restricted-imports']);
    });

    it('lets apps import libraries', async () => {
      expect(await rulesBroken('apps/api/src/users/probe.ts', "import '#libs/http/src/index.js';\n")).toEqual([]);
    });
  });
});
