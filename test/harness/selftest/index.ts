// The harness's own proof: an @vscode/test-electron-style test module. The extension host loads it and
// calls run(); the suite passes or fails with it. HARNESS_SELFTEST_MODE=fail (given to code-server, which
// the extension host inherits) adds a test that fails on purpose; HARNESS_SELFTEST_MODE=hang never settles,
// to prove the runner's hard timeout.
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  if (process.env.HARNESS_SELFTEST_MODE === 'hang') {
    return new Promise<void>(() => undefined);
  }
  // No colours: the output travels through the browser's console into codeAutomationLog.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  mocha.addFile(path.join(__dirname, 'vscodeApi.spec.js'));
  if (process.env.HARNESS_SELFTEST_MODE === 'fail') {
    mocha.addFile(path.join(__dirname, 'failing.spec.js'));
  }
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
