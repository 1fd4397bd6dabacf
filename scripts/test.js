// The whole test suite: every layer in order, then one summary line `N passed, N failed` that CI reads.
// Checks (type-check, lint, bundle) count one each; mocha suites count their tests.
// Usage: node scripts/test.js [--only name,name]
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

/** Each stage: a command, and either `check` (one pass/fail) or `suite` (counts from test-results/<suite>.json). */
const stages = [
  { name: 'type-check', check: true, command: [bin('tsc'), '-p', 'tsconfig.test.json'] },
  { name: 'lint', check: true, command: [bin('eslint'), '.'] },
  { name: 'bundle', check: true, command: [process.execPath, 'esbuild.js', '--production'] },
  { name: 'unit', suite: 'unit', command: [process.execPath, 'scripts/mochaRun.js', 'unit'] },
];

function run(stage) {
  console.log(`\n=== ${stage.name}: ${stage.command.map((part) => path.relative(root, part) || part).join(' ')}`);
  const resultFile = stage.suite ? path.join(root, 'test-results', `${stage.suite}.json`) : undefined;
  if (resultFile) {
    fs.rmSync(resultFile, { force: true });
  }
  const started = Date.now();
  const child = spawnSync(stage.command[0], stage.command.slice(1), { cwd: root, stdio: 'inherit', env: process.env });
  const ok = child.status === 0;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
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
  const selected = stages.filter((stage) => !only || only.has(stage.name));
  const totals = { passed: 0, failed: 0 };
  for (const stage of selected) {
    const counts = run(stage);
    totals.passed += counts.passed;
    totals.failed += counts.failed;
  }
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main();
