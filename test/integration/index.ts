// The extension-host test suite's entry: @vscode/test-electron (or code-server through
// scripts/codeServerTestShim.js) loads this module in the extension host and calls run().
// Runs every out/test/integration/**/*.test.js; counts go to $KANTATA_TEST_RESULTS.
// Run it with `npm run test:integration` (scripts/runIntegration.js).
import { runMochaSuite } from '../support/extensionHostMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
