#!/usr/bin/env node
// The sandbox for F5 ("Run Extension (sandbox)" in .vscode/launch.json): starts it on a fixed port and
// points the launched window's own profile (.vscode-test/dev-user-data, not your VS Code's) at it, so the
// extension runs against the sandbox with no Kantata account. Sign in with a token it prints. Runs as a
// background task until the task is stopped. Needs `npm run compile-tests` first (the task depends on it).
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const port = Number(process.env.KANTATA_DEV_SANDBOX_PORT ?? 3939);
const cli = path.join(root, 'out', 'test', 'sandbox', 'cli.js');
const userSettings = path.join(root, '.vscode-test', 'dev-user-data', 'User', 'settings.json');

if (!fs.existsSync(cli)) {
  console.error(`devSandbox: ${path.relative(root, cli)} is missing: run "npm run compile-tests" first.`);
  process.exit(1);
}

// Kept: whatever else the developer changed in that profile. Only the base URL is ours.
const settings = fs.existsSync(userSettings) ? JSON.parse(fs.readFileSync(userSettings, 'utf8')) : { 'workbench.startupEditor': 'none' };
settings['kantata.baseUrl'] = `http://127.0.0.1:${port}/api/v1`;
fs.mkdirSync(path.dirname(userSettings), { recursive: true });
fs.writeFileSync(userSettings, `${JSON.stringify(settings, null, 2)}\n`);

console.log(`Starting the Kantata sandbox on port ${port} for the F5 window (kantata.baseUrl in ${path.relative(root, userSettings)}).`);
const child = spawn(process.execPath, [cli, '--port', String(port)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
