// Type-aware lint (typescript-eslint) plus the import boundaries the layout depends on.
import path from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const FEATURE_ROOT = path.resolve(import.meta.dirname, 'apps/api/src');
const LIBS_ROOT = path.resolve(import.meta.dirname, 'libs');
/** Libraries in layers: a library imports only those before it, so no two of them depend on each other. */
const LIB_LAYERS = ['common', 'config', 'database', 'http', 'auth', 'audit', 'idempotency'];

/** Calls `check(node, source)` for every static import, re-export and literal dynamic import of a file. */
function onModuleSources(check) {
  const visit = (node) => {
    if (node.source?.type === 'Literal' && typeof node.source.value === 'string') check(node, node.source.value);
  };
  return { ImportDeclaration: visit, ImportExpression: visit, ExportAllDeclaration: visit, ExportNamedDeclaration: visit };
}

/** The feature module a file belongs to: the first folder under apps/api/src, or undefined outside it. */
function featureOf(file) {
  const relative = path.relative(FEATURE_ROOT, file);
  if (relative.startsWith('..') || !relative.includes(path.sep)) return undefined;
  return relative.split(path.sep)[0];
}

/**
 * Each table has one owning module: another module reads it through the owner's exported service,
 * never through its repository.
 */
const noForeignRepository = {
  meta: { type: 'problem', messages: { foreign: "'{{target}}' belongs to module '{{owner}}': use its exported service, not its repository" } },
  create(context) {
    const own = featureOf(context.filename);
    return onModuleSources((node, source) => {
      if (own === undefined || !source.startsWith('.') || !/\.repository\.js$/.test(source)) return;
      const target = path.resolve(path.dirname(context.filename), source);
      const owner = featureOf(target);
      if (owner !== undefined && owner !== own) context.report({ node, messageId: 'foreign', data: { target: source, owner } });
    });
  },
};

/** The library a path lies in (libs/<name>/...), or undefined. */
function libraryOf(file) {
  const relative = path.relative(LIBS_ROOT, file);
  return relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
}

const libLayers = {
  meta: { type: 'problem', messages: { upward: 'libs/{{own}} may not import libs/{{target}}: libraries depend only on earlier layers ({{layers}})' } },
  create(context) {
    const own = libraryOf(context.filename);
    return onModuleSources((node, source) => {
      if (own === undefined) return;
      const target = source.startsWith('#libs/')
        ? source.split('/')[1]
        : source.startsWith('.')
          ? libraryOf(path.resolve(path.dirname(context.filename), source))
          : undefined;
      if (target === undefined || target === own) return;
      // A library missing from the list has no place yet: importing it, or from it, is reported until it gets one.
      if (LIB_LAYERS.includes(target) && LIB_LAYERS.indexOf(target) < LIB_LAYERS.indexOf(own)) return;
      context.report({ node, messageId: 'upward', data: { own, target, layers: LIB_LAYERS.join(' < ') } });
    });
  },
};

export default tseslint.config(
  // The client's types are generated (npm run client:generate); its hand-written wrapper and examples are linted.
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'clients/typescript/schema.d.ts', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX, local: { rules: { 'no-foreign-repository': noForeignRepository, 'lib-layers': libLayers } } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'local/no-foreign-repository': 'error',
      'local/lib-layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nest hands guards and interceptors promises it awaits; class-validator decorators are typed loosely.
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**'], message: 'libs never import apps' }] }],
    },
  },
  {
    // Suites read untyped JSON bodies from supertest; the assertions are their type check.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  prettier,
);
