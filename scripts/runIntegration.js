#!/usr/bin/env node
// Runs an extension-host suite (test/<suite>/index.ts: integration by default, or canary) in a real VS Code
// through @vscode/test-electron's runTests(), and records its counts in test-results/<suite>.json as
// { passed, failed, failures } for scripts/test.js. Exit code 0 only when tests ran and none failed.
//
// Which VS Code:
//   VSCODE_EXECUTABLE_PATH=/path/to/code   that executable (a desktop VS Code; Linux needs a display)
//   KANTATA_VSCODE=download                a VS Code downloaded by test-electron (KANTATA_VSCODE_VERSION,
//                                          default "stable") into .vscode-test/: needs internet access
//   (default)                              code-server, through scripts/codeServerTestShim.js (see
//                                          /work/shared/testing-notes.md); a download if it is not installed
// Other settings: KANTATA_TEST_TIMEOUT_MS (hard limit per VS Code start, default 480000, or 120000 for a suite of
// configurations), KANTATA_TEST_GREP (a mocha grep), KANTATA_TEST_CONFIGURATIONS (a pattern: the
// configurations to run, by name).
// The suite writes its counts to $KANTATA_TEST_RESULTS (test/support/extensionHostMocha.ts), because the
// extension host hands back only an exit code. Unhandled errors of the extension in the extension host logs
// fail the run, as does a suite that never reports (hung, crashed, never loaded).
// A suite whose folder holds configurations.js (test/startup/) runs once per configuration it lists, each in
// a VS Code started with that configuration's User and Remote settings (application settings such as
// http.proxy and http.proxySupport are read when VS Code starts); the counts of all runs are added up.
// Usage: node scripts/runIntegration.js [integration|canary|startup]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { root, compileIfNeeded, bundleIfNeeded } = require('./buildSteps');

const EXTENSION_ID = 'kantata-teammates.kantata-teammates';
const suite = process.argv[2] ?? 'integration';
const configurationsModule = path.join(root, 'out', 'test', suite, 'configurations.js');
const hasConfigurations = fs.existsSync(path.join(root, 'test', suite, 'configurations.ts'));
// Per run: a suite of configurations starts a VS Code for each, with a few tests in it.
const timeoutMs = Number(process.env.KANTATA_TEST_TIMEOUT_MS || (hasConfigurations ? 120_000 : 480_000));
// The backstop behind the shim's own limit (which includes starting and stopping code-server), per run.
const guardMs = timeoutMs + 30_000;
const shim = path.join(root, 'scripts', 'codeServerTestShim.js');
const codeServerBinary = path.join(root, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');

/** Which VS Code runs the suite, and how to tell runTests about it. */
function chooseVsCode() {
  if (process.env.VSCODE_EXECUTABLE_PATH) {
    return { kind: 'executable', options: { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } };
  }
  const download = { kind: 'download', options: { version: process.env.KANTATA_VSCODE_VERSION || 'stable' } };
  if (process.env.KANTATA_VSCODE === 'download') {
    return download;
  }
  if (fs.existsSync(process.env.CODE_SERVER_BIN ?? codeServerBinary)) {
    fs.chmodSync(shim, 0o755); // test-electron spawns it directly, without a shell
    return { kind: 'code-server', options: { vscodeExecutablePath: shim } };
  }
  if (process.env.KANTATA_VSCODE === 'code-server') {
    throw new Error('code-server is not installed: run "node scripts/setup.js"');
  }
  console.log('integration: code-server is not installed (node scripts/setup.js); downloading VS Code instead');
  return download;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The counts to record: what the suite wrote, corrected by how the run ended. */
function summarize(reported, exitCode, stopReason, logProblems, launchError, label) {
  const prefix = label ? `[${label}] ` : '';
  const result = {
    suite,
    passed: reported?.passed ?? 0,
    failed: reported?.failed ?? 0,
    pending: reported?.pending ?? 0,
    failures: (reported?.failures ?? []).map((failure) => ({ ...failure, title: `${prefix}${failure.title}` })),
  };
  const runFailure = (message) => {
    result.failed++;
    result.failures.push({ title: `${prefix}(${suite} run)`, message });
  };
  if (stopReason || exitCode === 130) {
    runFailure(`the run ${stopReason ?? 'was interrupted (SIGINT)'}`);
  } else if (!reported && launchError) {
    runFailure(`could not start VS Code: ${launchError}`);
  } else if (!reported) {
    runFailure(`the suite never started (exit code ${exitCode}): test/${suite}/index did not load, the extension host never came up, or the ${timeoutMs} ms limit passed first`);
  } else if (!reported.finished) {
    runFailure(`the suite started but never finished (exit code ${exitCode}): the extension host crashed or the run was stopped`);
  } else if (result.passed + result.failed === 0) {
    runFailure('no test ran');
  } else if (logProblems.length > 0) {
    runFailure(`unhandled errors of ${EXTENSION_ID} in the extension host logs:\n${logProblems}`);
  } else if (exitCode !== 0 && result.failed === 0) {
    // With code-server this is the log scan of the shim (its report is in the output above), or a crash.
    runFailure(`exit code ${exitCode} although no test failed: unhandled errors of the extension in the extension host logs, or a crash (see the output above)`);
  }
  return result;
}

/** A free TCP port on 127.0.0.1, for a server a configuration names before the tests start it. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = require('node:net').createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let stopReason; // why the run was ended from outside, if it was
let stopRun = () => process.exit(1); // replaced while a run is under way

async function main() {
  if (!fs.existsSync(path.join(root, 'test', suite, 'index.ts'))) {
    throw new Error(`no suite test/${suite}/index.ts`);
  }
  compileIfNeeded({ prune: [path.join('out', 'test', suite)] });
  bundleIfNeeded();
  const vscode = chooseVsCode();
  console.log(`integration: running test/${suite} in ${vscode.kind === 'code-server' ? 'code-server (VS Code 1.100.3)' : vscode.kind === 'download' ? `a downloaded VS Code (${vscode.options.version})` : vscode.options.vscodeExecutablePath}`);
  const started = Date.now();
  // scripts/test.js ends a stage that passes its limit with SIGTERM, which reaches only this process.
  process.once('SIGTERM', () => {
    stopReason = 'was stopped (SIGTERM)';
    console.error('integration: SIGTERM: stopping the run');
    stopRun();
  });

  const shared = fs.mkdtempSync(path.join(os.tmpdir(), `kantata-${suite}-files-`));
  let configurations = [undefined];
  if (hasConfigurations) {
    const { startupConfigurations } = require(configurationsModule);
    configurations = startupConfigurations({ proxyPort: await freePort(), scratch: shared });
    // KANTATA_TEST_CONFIGURATIONS=pattern runs only the configurations whose name matches.
    const only = process.env.KANTATA_TEST_CONFIGURATIONS ? new RegExp(process.env.KANTATA_TEST_CONFIGURATIONS) : undefined;
    configurations = configurations.filter((configuration) => !only || only.test(configuration.name));
  }
  const total = { suite, passed: 0, failed: 0, pending: 0, failures: [], runs: [] };
  try {
    for (const configuration of configurations) {
      if (configuration) {
        console.log(`\nintegration: ${suite} [${configuration.name}]`);
      }
      const { result, exitCode } = await runOnce(vscode, configuration);
      // summarize() has already counted a run that ended badly (no report, a crash, a non-zero exit) as failed.
      total.passed += result.passed;
      total.failed += result.failed;
      total.pending += result.pending;
      total.failures.push(...result.failures);
      total.runs.push({ configuration: configuration?.name, passed: result.passed, failed: result.failed, exitCode, durationMs: result.durationMs });
      if (stopReason) {
        break;
      }
    }
  } finally {
    fs.rmSync(shared, { recursive: true, force: true });
  }
  if (configurations.length !== total.runs.length) {
    total.failed++;
    total.failures.push({ title: `(${suite} run)`, message: `only ${total.runs.length} of ${configurations.length} configurations ran` });
  }
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'test-results', `${suite}.json`), JSON.stringify({ ...total, vscode: vscode.kind, durationMs: Date.now() - started }, null, 2));
  for (const failure of total.failures) {
    console.log(`  FAILED ${failure.title}\n    ${failure.message.split('\n').join('\n    ')}`);
  }
  console.log(`${suite}: ${total.passed} passed, ${total.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s${total.runs.length > 1 ? ` (${total.runs.length} VS Code starts)` : ''}`);
  process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
}

/**
 * One VS Code start running the suite, with a configuration's settings when it has one: resolves with the
 * counts of that run (a run that never reports counts as a failure).
 */
async function runOnce(vscode, configuration) {
  const { runTests } = require('@vscode/test-electron');
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `kantata-${suite}-`));
  const workspace = path.join(scratch, 'workspace');
  const userDataDir = path.join(scratch, 'user-data');
  const resultsFile = path.join(scratch, 'results.json');
  fs.mkdirSync(workspace);
  const testsModule = path.join(root, 'out', 'test', suite, 'index');
  const env = { KANTATA_TEST_RESULTS: resultsFile, KANTATA_TEST_TIMEOUT_MS: String(timeoutMs) };
  if (configuration) {
    // For the suite (which reads what was set up), and for the shim (which starts code-server with it).
    env.KANTATA_TEST_CONFIGURATION = JSON.stringify(configuration);
    env.KANTATA_USER_SETTINGS = JSON.stringify(configuration.userSettings ?? {});
    env.KANTATA_MACHINE_SETTINGS = JSON.stringify(configuration.machineSettings ?? {});
    if (vscode.kind !== 'code-server') {
      // A desktop window reads machine settings from the User settings, which runTests' --user-data-dir holds.
      fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
      const settings = { 'workbench.startupEditor': 'none', ...configuration.userSettings, ...configuration.machineSettings };
      fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    }
  }
  let extensionTestsPath = testsModule;
  if (vscode.kind === 'code-server') {
    env.KANTATA_SCAN_LOGS_FOR = EXTENSION_ID; // the shim scans the logs and exits 1 on a problem
  } else {
    // A desktop VS Code: scan its logs here, and keep its extension host alive long enough after the suite
    // for a late rejection to reach the log (the harness's settling wrapper).
    extensionTestsPath = path.join(root, 'out', 'test', 'harness', 'settlingTestsEntry');
    env.KANTATA_HARNESS_TESTS_MODULE = testsModule;
    env.KANTATA_HARNESS_SETTLE_MS = '1500';
  }

  const started = Date.now();
  let runStopReason;
  let launchError; // runTests() failing before any test run: a download or spawn error
  const settled = new Promise((resolve) => {
    let finished = false;
    const finish = (exitCode) => {
      if (finished) {
        return;
      }
      finished = true;
      clearTimeout(guard);
      stopRun = () => process.exit(1);
      resolve(exitCode);
    };
    // Stops the run from outside: Ctrl+C ourselves, which test-electron forwards to its child (the shim then
    // kills code-server and Chromium) and which ends runTests(); give up on it if even that does not end it.
    stopRun = () => {
      runStopReason = stopReason ?? runStopReason;
      if (process.listenerCount('SIGINT') === 0) {
        finish(1); // test-electron is not running a child (still downloading): nothing to stop gracefully
        return;
      }
      process.kill(process.pid, 'SIGINT');
      setTimeout(() => finish(1), 20_000).unref();
    };
    // The backstop behind the shim's own limit.
    const guard = setTimeout(() => {
      runStopReason = `did not finish within ${guardMs} ms`;
      stopReason = runStopReason;
      console.error(`integration: no result after ${guardMs} ms: stopping the run`);
      stopRun();
    }, guardMs);
    runTests({
      ...vscode.options,
      extensionDevelopmentPath: root,
      extensionTestsPath,
      extensionTestsEnv: env,
      // The workspace first (the shim opens it too), then a fresh profile; the shim ignores the flags.
      launchArgs: [workspace, `--user-data-dir=${userDataDir}`, `--extensions-dir=${path.join(scratch, 'extensions')}`, '--disable-extensions'],
    }).then(
      (code) => finish(code),
      (error) => {
        if (error?.constructor?.name !== 'TestRunFailedError') {
          console.error(error);
          launchError = error instanceof Error ? error.message : String(error);
        }
        finish(typeof error?.code === 'number' ? error.code : 1);
      },
    );
  });
  const exitCode = await settled;
  let logProblems = '';
  if (vscode.kind !== 'code-server') {
    const { scanExtensionHostLogs, formatLogProblems } = require(path.join(root, 'out', 'test', 'harness', 'scanLogs.js'));
    logProblems = formatLogProblems(scanExtensionHostLogs(path.join(userDataDir, 'logs'), EXTENSION_ID, { extensionPath: root }));
  }
  const result = summarize(readJson(resultsFile), exitCode, runStopReason, logProblems, launchError, configuration?.name);
  if (process.env.KEEP_CODE_SERVER_FILES !== '1') {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return { result: { ...result, durationMs: Date.now() - started }, exitCode };
}

main().catch((error) => {
  console.error(`integration: ${error instanceof Error ? error.message : String(error)}`);
  fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'test-results', `${suite}.json`),
    JSON.stringify({ suite, passed: 0, failed: 1, failures: [{ title: `(${suite} run)`, message: String(error) }] }, null, 2),
  );
  process.exit(1);
});
