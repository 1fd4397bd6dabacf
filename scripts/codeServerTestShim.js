#!/usr/bin/env node
// Stands in for the VS Code executable: give its path to @vscode/test-electron's
// runTests({ vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath }) and the suite runs in
// code-server instead (VS Code cannot be downloaded on these machines). test-electron 2.5 spawns the
// executable directly (no shell) with `--extensionTestsPath=P`, `--extensionDevelopmentPath=P` (repeated
// for an array), its own flags (--no-sandbox, --disable-updates, --skip-welcome, --user-data-dir=...,
// --extensions-dir=..., ...) and any launchArgs, in its environment plus extensionTestsEnv; it resolves with
// 0 on exit code 0 and rejects with TestRunFailedError(code) otherwise. So this file must stay executable.
// Reads the two paths and an optional workspace folder (the first argument that is not a flag); every other
// flag is ignored: code-server gets fresh folders of its own. The environment reaches the extension host.
//   KANTATA_TEST_TIMEOUT_MS  hard limit for the run (default 300000)
//   KANTATA_SCAN_LOGS_FOR    an extension id: fail the run when its unhandled errors show in the logs
//   KANTATA_USER_SETTINGS    JSON: User settings code-server starts with (application settings such as
//                            http.proxy and http.proxySupport)
//   KANTATA_MACHINE_SETTINGS JSON: Remote settings it starts with (machine-scoped ones: kantata.caCertificates,
//                            kantata.baseUrl); a desktop VS Code reads both from User settings instead
// Needs the harness compiled (npm run compile-tests) and code-server installed (node scripts/setup.js).
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const values = (name) => args.filter((arg) => arg.startsWith(`--${name}=`)).map((arg) => arg.slice(name.length + 3));

async function main() {
  const [extensionDevelopmentPath, ...moreDevelopmentPaths] = values('extensionDevelopmentPath');
  const [extensionTestsPath] = values('extensionTestsPath');
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    console.error('codeServerTestShim: needs --extensionDevelopmentPath= and --extensionTestsPath=');
    return 1;
  }
  if (moreDevelopmentPaths.length > 0) {
    console.error(`codeServerTestShim: only one development extension is supported; ignoring ${moreDevelopmentPaths.join(', ')}`);
  }
  const workspace = args.find((arg) => !arg.startsWith('-'));
  const runner = path.join(root, 'out', 'test', 'harness', 'extensionHostRun.js');
  if (!fs.existsSync(runner)) {
    console.error(`codeServerTestShim: ${path.relative(root, runner)} is missing: run "npm run compile-tests"`);
    return 1;
  }
  const { runExtensionTestsInCodeServer } = require(runner);
  const { formatLogProblems } = require(path.join(root, 'out', 'test', 'harness', 'scanLogs.js'));
  const scanLogsFor = process.env.KANTATA_SCAN_LOGS_FOR || undefined;
  const settings = process.env.KANTATA_USER_SETTINGS ? JSON.parse(process.env.KANTATA_USER_SETTINGS) : undefined;
  const machineSettings = process.env.KANTATA_MACHINE_SETTINGS ? JSON.parse(process.env.KANTATA_MACHINE_SETTINGS) : undefined;
  const result = await runExtensionTestsInCodeServer({
    extensionDevelopmentPath: path.resolve(extensionDevelopmentPath),
    extensionTestsPath: path.resolve(extensionTestsPath),
    timeoutMs: Number(process.env.KANTATA_TEST_TIMEOUT_MS || 300_000),
    ...(workspace ? { workspace: path.resolve(workspace) } : {}),
    ...(scanLogsFor ? { scanLogsFor } : {}),
    ...(settings ? { settings } : {}),
    ...(machineSettings ? { machineSettings } : {}),
  });
  if (result.logProblems.length > 0) {
    console.error(`codeServerTestShim: unhandled errors of ${scanLogsFor} in the extension host logs:\n${formatLogProblems(result.logProblems)}`);
    return 1;
  }
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
