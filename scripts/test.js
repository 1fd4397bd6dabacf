// The whole test suite: every layer in order, then one summary line `N passed, N failed` that CI reads.
// Checks (setup, type-check, lint, bundle, demo-check) count one each; mocha suites (unit, integration,
// e2e) count their tests; the canary counts one. Every stage has a hard time limit.
// Usage: node scripts/test.js [--only name,name]   e.g. --only setup,integration,startup,e2e,demo-check,canary
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const MINUTE = 60_000;

/**
 * Each stage: a command with a hard time limit, and either `check` (one pass/fail), `suite` (counts from
 * test-results/<suite>.json) or `canary` (one check that passes only when the suite reports exactly one
 * passing and one failing test and exits non-zero: proof that a failing extension-host test fails the run).
 */
const stages = [
  // Chromium, code-server & co. (idempotent: a fraction of a second once installed, ~2 min on a new machine).
  { name: 'setup', check: true, command: [process.execPath, 'scripts/setup.js'], limitMs: 15 * MINUTE },
  { name: 'type-check', check: true, command: [process.execPath, 'scripts/typeCheck.js'], limitMs: 5 * MINUTE },
  { name: 'lint', check: true, command: [bin('eslint'), '.'], limitMs: 5 * MINUTE },
  { name: 'bundle', check: true, command: [process.execPath, 'esbuild.js', '--production'], limitMs: 2 * MINUTE },
  { name: 'unit', suite: 'unit', command: [process.execPath, 'scripts/mochaRun.js', 'unit'], limitMs: 10 * MINUTE },
  // The extension-host suite in code-server (scripts/runIntegration.js has its own limits inside these).
  { name: 'integration', suite: 'integration', command: [process.execPath, 'scripts/runIntegration.js'], limitMs: 10 * MINUTE },
  // The same runner, once per configuration of test/startup/configurations.ts: a code-server started with
  // given User and Remote settings each time (VS Code's proxy support; bad network settings at activation).
  { name: 'startup', suite: 'startup', command: [process.execPath, 'scripts/runIntegration.js', 'startup'], limitMs: 10 * MINUTE },
  { name: 'e2e', suite: 'e2e', command: [process.execPath, 'scripts/runE2e.js'], limitMs: 16 * MINUTE },
  { name: 'demo-check', check: true, command: [process.execPath, 'scripts/demo.js', '--check'], limitMs: 5 * MINUTE },
  { name: 'canary', canary: true, suite: 'canary', command: [process.execPath, 'scripts/runIntegration.js', 'canary'], limitMs: 5 * MINUTE },
];

function run(stage) {
  console.log(`\n=== ${stage.name}: ${stage.command.map((part) => (part === process.execPath ? 'node' : path.relative(root, part) || part)).join(' ')}`);
  const resultFile = stage.suite ? path.join(root, 'test-results', `${stage.suite}.json`) : undefined;
  if (resultFile) {
    fs.rmSync(resultFile, { force: true });
  }
  const started = Date.now();
  // On the limit the child gets SIGTERM, on which the harness kills the code-server and Chromium it started.
  const child = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit', env: process.env, timeout: stage.limitMs, killSignal: 'SIGTERM' });
  if (child.error?.code === 'ETIMEDOUT') {
    console.log(`=== ${stage.name}: stopped after its limit of ${stage.limitMs / 1000} s`);
  }
  const ok = child.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (stage.canary) {
    const result = resultFile && fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
    const expected = !ok && child.status !== null && result?.passed === 1 && result?.failed === 1;
    const reported = result ? `${result.passed} passed, ${result.failed} failed` : 'no results';
    console.log(`=== ${stage.name}: ${expected ? 'passed' : 'FAILED'} (the canary suite reported ${reported}, exit code ${child.status ?? child.signal}; expected 1 passed, 1 failed and a non-zero exit) in ${seconds} s`);
    return { passed: expected ? 1 : 0, failed: expected ? 0 : 1 };
  }
  if (stage.check) {
    console.log(`=== ${stage.name}: ${ok ? 'passed' : 'FAILED'} in ${seconds} s`);
    return { passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
  }
  let counts = { passed: 0, failed: 1 };
  if (resultFile && fs.existsSync(resultFile)) {
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8'));
    // A suite that exited non-zero with no failing test still failed (it crashed, or ran nothing).
    counts = { passed: result.passed, failed: result.failed + (!ok && result.failed === 0 ? 1 : 0) };
  }
  console.log(`=== ${stage.name}: ${counts.passed} passed, ${counts.failed} failed in ${seconds} s`);
  return counts;
}

function main() {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1].split(',')) : undefined;
  const unknown = [...(only ?? [])].filter((name) => !stages.some((stage) => stage.name === name));
  if (unknown.length > 0) {
    console.error(`unknown stage(s): ${unknown.join(', ')} (stages: ${stages.map((stage) => stage.name).join(', ')})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  const selected = stages.filter((stage) => !only || only.has(stage.name));
  const totals = { passed: 0, failed: 0 };
  const table = [];
  for (const stage of selected) {
    const started = Date.now();
    const counts = run(stage);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    table.push(`  ${stage.name.padEnd(12)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${((Date.now() - started) / 1000).toFixed(1).padStart(7)} s`);
  }
  console.log(`\n${table.join('\n')}`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

module.exports = { stages, run };

if (require.main === module) {
  main();
}
