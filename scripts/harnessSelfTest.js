// Proves the real-VS-Code harness (test/harness/) on this machine: runs the self-test suite
// (test/harness/selftest/) in code-server's extension host, with this repository as the development extension,
//   pass      the suite passes (exit 0), sees the real vscode API and the env given to code-server,
//             and the logs show no unhandled error of the extension (scanLogsFor, via the settling wrapper)
//   fail      a deliberately failing test gives exit 1
//   hang      a suite that never reports fails on the hard timeout (exit 1)
//   electron  @vscode/test-electron's runTests() drives the same path through scripts/codeServerTestShim.js
//   electron-fail  ... and its exit code 1 comes back as TestRunFailedError
// then prints one line per case and `N passed, N failed`.
// Usage: node scripts/harnessSelfTest.js [--only pass,fail,...]   (after node scripts/setup.js)
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const extensionId = 'kantata-teammates.kantata-teammates';
const testsPath = path.join(root, 'out', 'test', 'harness', 'selftest', 'index');
const shim = path.join(root, 'scripts', 'codeServerTestShim.js');

/** Compiles the TypeScript (the whole test project: that is what tsconfig.test.json covers). */
function compile() {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const errors = `${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  const ours = errors.filter((line) => line.startsWith('test/harness/'));
  if (ours.length > 0) {
    console.error(`type errors in the harness:\n${ours.join('\n')}`);
    process.exit(1);
  }
  if (errors.length > 0) {
    // tsc still emits; errors elsewhere belong to other work and do not affect the harness.
    console.log(`(tsc: ignoring ${errors.length} type error(s) outside test/harness/)`);
  }
}

function ensureBundle() {
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    const result = spawnSync(process.execPath, ['esbuild.js'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('node esbuild.js failed');
      process.exit(1);
    }
  }
}

async function main() {
  const onlyIndex = process.argv.indexOf('--only');
  const only = onlyIndex > 0 ? new Set(process.argv[onlyIndex + 1].split(',')) : undefined;
  compile();
  ensureBundle();
  const { runExtensionTestsInCodeServer } = require(path.join(root, 'out', 'test', 'harness', 'extensionHostRun.js'));
  const { formatLogProblems } = require(path.join(root, 'out', 'test', 'harness', 'scanLogs.js'));
  fs.chmodSync(shim, 0o755); // test-electron spawns it directly
  const token = crypto.randomBytes(6).toString('hex'); // travels env -> code-server -> extension host -> output

  const direct = (mode, extra = {}) =>
    runExtensionTestsInCodeServer({
      extensionDevelopmentPath: root,
      extensionTestsPath: testsPath,
      timeoutMs: 90_000,
      env: { HARNESS_SELFTEST_MODE: mode, HARNESS_SELFTEST_TOKEN: token },
      ...extra,
    });
  const viaTestElectron = async (mode) => {
    const { runTests } = require('@vscode/test-electron');
    try {
      return await runTests({
        vscodeExecutablePath: shim,
        extensionDevelopmentPath: root,
        extensionTestsPath: testsPath,
        extensionTestsEnv: { HARNESS_SELFTEST_MODE: mode, HARNESS_SELFTEST_TOKEN: token, KANTATA_TEST_TIMEOUT_MS: '90000' },
      });
    } catch (error) {
      if (error && error.name !== 'TestRunFailedError' && error.constructor?.name !== 'TestRunFailedError') {
        throw error;
      }
      return error.code ?? 1;
    }
  };

  const cases = [
    {
      name: 'pass',
      run: async () => {
        const result = await direct('', { scanLogsFor: extensionId });
        const problems = [];
        if (!result.output.some((line) => line.startsWith(`token=${token} `))) {
          problems.push('the token given to code-server did not reach the extension host');
        }
        if (result.logProblems.length > 0) {
          problems.push(`log problems:\n${formatLogProblems(result.logProblems)}`);
        }
        return { exitCode: result.exitCode, expected: 0, problems };
      },
    },
    { name: 'fail', run: async () => ({ exitCode: (await direct('fail')).exitCode, expected: 1, problems: [] }) },
    {
      name: 'hang',
      run: async () => {
        const result = await direct('hang', { timeoutMs: 25_000 });
        return { exitCode: result.exitCode, expected: 1, problems: result.timedOut ? [] : ['it did not time out'] };
      },
    },
    { name: 'electron', run: async () => ({ exitCode: await viaTestElectron(''), expected: 0, problems: [] }) },
    { name: 'electron-fail', run: async () => ({ exitCode: await viaTestElectron('fail'), expected: 1, problems: [] }) },
  ].filter((testCase) => !only || only.has(testCase.name));

  const lines = [];
  let passed = 0;
  for (const testCase of cases) {
    console.log(`\n=== harness self-test: ${testCase.name}`);
    const started = Date.now();
    let outcome;
    try {
      outcome = await testCase.run();
    } catch (error) {
      outcome = { exitCode: undefined, expected: 'a result', problems: [String(error && error.stack ? error.stack : error)] };
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const ok = outcome.exitCode === outcome.expected && outcome.problems.length === 0;
    passed += ok ? 1 : 0;
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${testCase.name.padEnd(14)} exit code ${outcome.exitCode} (expected ${outcome.expected}) in ${seconds} s`);
    for (const problem of outcome.problems) {
      lines.push(`     ${problem}`);
    }
  }
  console.log(`\n${lines.join('\n')}\n\n${passed} passed, ${cases.length - passed} failed`);
  process.exitCode = passed === cases.length ? 0 : 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
