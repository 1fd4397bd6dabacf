// @vscode/test-cli's configuration: `npm run test:vscode` runs the extension-host suite (test/integration) in
// a desktop VS Code that @vscode/test-electron downloads, where the machine can download it. This project's
// own runner, `npm run test:integration` (scripts/runIntegration.js), runs the same suite in code-server.
import * as fs from 'node:fs';
import { defineConfig } from '@vscode/test-cli';

// The suite writes workspace settings: it gets an empty folder of its own, never this repository.
const workspaceFolder = '.vscode-test/workspace';
fs.mkdirSync(workspaceFolder, { recursive: true });

export default defineConfig({
  label: 'integration',
  files: 'out/test/integration/**/*.test.js',
  // engines.vscode is ^1.100.0: the suite runs on the oldest version it allows.
  version: '1.100.3',
  workspaceFolder,
  launchArgs: ['--disable-extensions'],
  mocha: { ui: 'bdd', timeout: 20_000, slow: 2_000 },
});
