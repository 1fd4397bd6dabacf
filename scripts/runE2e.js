#!/usr/bin/env node
// The workbench scenarios (test/e2e/*.e2e.ts): packages the .vsix, then runs the compiled scenario files with
// mocha in this Node process. Each file starts its own sandbox, code-server (the .vsix installed) and
// Chromium (test/e2e/useWorkbenchSession.ts). Counts go to test-results/e2e.json as { passed, failed,
// failures }; screenshots to test-results/e2e/. Exit code 0 only when scenarios ran and none failed.
// Usage: node scripts/runE2e.js [--grep pattern]   (after node scripts/setup.js)
// KANTATA_E2E_TIMEOUT_MS: hard limit for the whole run (default 900000).
const fs = require('node:fs');
const path = require('node:path');
const { findFiles } = require('./findFiles');
const { root, compileIfNeeded, packageVsix } = require('./buildSteps');

const resultsFile = path.join(root, 'test-results', 'e2e.json');
const screenshots = path.join(root, 'test-results', 'e2e');
const hardLimitMs = Number(process.env.KANTATA_E2E_TIMEOUT_MS || 900_000);

const findScenarios = (dir) => findFiles(dir, '.e2e.js');

function writeResults(result) {
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify({ suite: 'e2e', ...result }, null, 2));
}

function main() {
  const started = Date.now();
  // A run that hangs anyway (a wait without a limit, a stuck browser) must still end, and fail. Exiting runs
  // the harness's clean-up, which kills code-server's process group and Chromium.
  setTimeout(() => {
    console.error(`e2e: the run did not finish within ${hardLimitMs} ms`);
    writeResults({ passed: 0, failed: 1, failures: [{ title: '(e2e run)', message: `did not finish within ${hardLimitMs} ms` }] });
    process.exit(1);
  }, hardLimitMs).unref();

  compileIfNeeded({ prune: [path.join('out', 'test', 'e2e')] });
  packageVsix();
  fs.rmSync(screenshots, { recursive: true, force: true }); // only this run's screenshots

  const Mocha = require('mocha');
  const grepIndex = process.argv.indexOf('--grep');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 60_000, slow: 15_000 });
  if (grepIndex > 0) {
    mocha.grep(process.argv[grepIndex + 1]);
  }
  const files = findScenarios(path.join(root, 'out', 'test', 'e2e'));
  if (files.length === 0) {
    throw new Error('no compiled scenarios (out/test/e2e/**/*.e2e.js)');
  }
  files.forEach((file) => mocha.addFile(file));
  const failures = [];
  const runner = mocha.run((failed) => {
    const stats = runner.stats ?? { passes: 0, pending: 0 };
    writeResults({ passed: stats.passes, failed, pending: stats.pending ?? 0, failures, durationMs: Date.now() - started });
    console.log(`e2e: ${stats.passes} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(root, screenshots)}/`);
    // Exit now rather than wait for stray handles (a lingering socket) to close.
    process.exit(failed > 0 || stats.passes === 0 ? 1 : 0);
  });
  runner.on('fail', (test, error) => failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) }));
}

try {
  main();
} catch (error) {
  console.error(`e2e: ${error instanceof Error ? error.message : String(error)}`);
  writeResults({ passed: 0, failed: 1, failures: [{ title: '(e2e run)', message: String(error) }] });
  process.exit(1);
}
