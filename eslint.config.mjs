import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** src/ folders, lowest first: each may import only from those before it. */
const LAYERS = ['locale', 'kantata', 'capacity', 'shared', 'settings', 'accounts', 'photos', 'teammates', 'profile', 'availability', 'skills', 'filePeople', 'editing'];
const NO_VSCODE = ['locale', 'kantata', 'capacity'];

function importRules(layer, index, noVscode) {
  return {
    paths: noVscode ? [{ name: 'vscode', message: `src/${layer} must not depend on vscode.` }] : [],
    patterns: LAYERS.slice(index + 1).map((higher) => ({
      group: [`**/${higher}/*`, `**/${higher}/**/*`],
      message: `src/${layer} may not import src/${higher}: folders import only from the ones before them (${LAYERS.join(' → ')}).`,
    })),
  };
}

export default defineConfig(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test-results/**', 'test/openapi/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json', './tsconfig.webview.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
    },
  },
  {
    // Text is translated when it is needed: a module loads before the display language is set (src/locale).
    // Literal messages only, so that `npm run l10n` finds every one.
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.name='l10n']:not(:function CallExpression)",
          message: 'Call l10n.t() inside a function: at module load the display language is not set yet.',
        },
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.property.name='l10n']:not(:function CallExpression)",
          message: 'Call vscode.l10n.t() inside a function: at module load the display language is not set yet.',
        },
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.name='l10n'] > :first-child:not(Literal, ObjectExpression)",
          message: 'l10n.t() takes a literal message (npm run l10n exports only literals).',
        },
        {
          selector: "CallExpression[callee.property.name='t'][callee.object.property.name='l10n'] > :first-child:not(Literal, ObjectExpression)",
          message: 'vscode.l10n.t() takes a literal message (npm run l10n exports only literals).',
        },
      ],
    },
  },
  // The folders of src/, lowest first (docs/architecture.md): each imports only from the folders before it,
  // so dependencies go one way. src/kantata, src/capacity and the profile page's browser code know nothing
  // of VS Code: the API stays usable from tests, the sandbox and benchmarks, the page runs in a browser.
  ...LAYERS.map((layer, index) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', importRules(layer, index, NO_VSCODE.includes(layer))] },
  })),
  {
    files: ['src/profile/browser/**/*.ts', 'src/profile/view/**/*.ts', 'src/profile/protocol.ts', 'src/profile/profileData.ts'],
    rules: { 'no-restricted-imports': ['error', importRules('profile', LAYERS.indexOf('profile'), true)] },
  },
  {
    files: ['src/availability/browser/**/*.ts', 'src/availability/view/**/*.ts', 'src/availability/protocol.ts'],
    rules: { 'no-restricted-imports': ['error', importRules('availability', LAYERS.indexOf('availability'), true)] },
  },
  {
    // Find by Skill's catalogue and its store run in the unit tests against the sandbox.
    files: ['src/skills/skillCatalogue.ts', 'src/skills/skillCatalogueStore.ts'],
    rules: { 'no-restricted-imports': ['error', importRules('skills', LAYERS.indexOf('skills'), true)] },
  },
  {
    // People in This File's author extraction and email matching run in the unit tests (the latter against the sandbox).
    files: ['src/filePeople/fileAuthors.ts', 'src/filePeople/emailMatches.ts'],
    rules: { 'no-restricted-imports': ['error', importRules('filePeople', LAYERS.indexOf('filePeople'), true)] },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
