// The canary suite's entry: the same extension-host runner as test/integration/, over out/test/canary/.
// One test passes and one fails on purpose, so `npm test` proves that the runner reports a failing test as a
// failure (exit code and counts) rather than passing silently. See scripts/test.js, stage "canary".
import { runMochaSuite } from '../support/extensionHostMocha';

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
