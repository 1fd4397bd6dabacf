#!/usr/bin/env node
// Prepares a machine for the real-VS-Code tests, idempotently (instant when everything is present):
//   1. Debian packages: chromium (the browser Playwright drives), ripgrep (seeds code-server's ripgrep),
//      libkrb5-dev (code-server's `kerberos` native module), and a C/C++ toolchain + python3 for node-gyp.
//   2. code-server (the real VS Code 1.100 server + web workbench) in .cache/code-server/, never as a
//      package.json dependency. See /work/shared/testing-notes.md for why each setting below is needed.
// Usage: node scripts/setup.js [--force]   (--force reinstalls code-server)
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const CODE_SERVER_VERSION = '4.100.3'; // the newest release that runs on Node 20
// code-server 4.100.3 bundles @vscode/ripgrep 1.15.11, which downloads this file from GitHub unless it is
// already in $TMPDIR. A code-server upgrade may change both names (see lib/vscode/npm-shrinkwrap.json).
const RIPGREP_CACHE_DIR = 'vscode-ripgrep-cache-1.15.11';
const RIPGREP_ARCH = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' }[process.arch];
const RIPGREP_TARBALL = `ripgrep-v13.0.0-10-${RIPGREP_ARCH}.tar.gz`;

const cacheDir = path.join(root, '.cache');
const prefix = path.join(cacheDir, 'code-server');
const binary = path.join(prefix, 'node_modules', '.bin', 'code-server');
const packageDir = path.join(prefix, 'node_modules', 'code-server');
const tmpDir = path.join(cacheDir, 'tmp');
const installLog = path.join(cacheDir, 'code-server-install.log');
const aptLog = path.join(cacheDir, 'apt.log');
// Native modules are built for one Node ABI: a new Node major means a reinstall.
const marker = path.join(prefix, `.installed-${CODE_SERVER_VERSION}-abi${process.versions.modules}`);

const started = Date.now();
fs.mkdirSync(cacheDir, { recursive: true });
const report = (line) => console.log(`setup: ${line}`);

function fail(message, logFile) {
  console.error(`setup: FAILED: ${message}`);
  if (logFile && fs.existsSync(logFile)) {
    const tail = fs.readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-40).join('\n');
    console.error(`--- last lines of ${path.relative(root, logFile)} ---\n${tail}\n---`);
  }
  process.exit(1);
}

/** The full path of a command on PATH, or undefined. */
function which(command) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

/** Runs a command with its output appended to a log file; returns true on exit code 0. */
function runLogged(command, args, logFile, env = process.env, cwd = cacheDir) {
  fs.appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
  const fd = fs.openSync(logFile, 'a');
  try {
    const result = spawnSync(command, args, { stdio: ['ignore', fd, fd], env, cwd });
    return result.status === 0;
  } finally {
    fs.closeSync(fd);
  }
}

function ensureSystemPackages() {
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) {
    missing.push('chromium');
  }
  if (!which('rg')) {
    missing.push('ripgrep');
  }
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') || !which('krb5-config')) {
    missing.push('libkrb5-dev');
  }
  if (!which('g++') || !which('make')) {
    missing.push('build-essential');
  }
  if (!which('python3')) {
    missing.push('python3');
  }
  if (missing.length === 0) {
    report('system packages present (chromium, ripgrep, libkrb5-dev, toolchain)');
    return;
  }
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !which('apt-get')) {
    fail(
      `missing system packages: ${missing.join(' ')}.\n` +
        `  On Debian/Ubuntu as root: apt-get update && apt-get install -y ${missing.join(' ')}\n` +
        '  Elsewhere install the equivalents (Chromium at /usr/bin/chromium, ripgrep, Kerberos/GSSAPI ' +
        'development headers, a C/C++ toolchain, python3), then run this script again.',
    );
  }
  report(`installing with apt-get: ${missing.join(' ')} (log: ${path.relative(root, aptLog)})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // An install before any `apt-get update` finds nothing on these machines.
  if (!runLogged('apt-get', ['update'], aptLog, env)) {
    fail('apt-get update failed', aptLog);
  }
  if (!runLogged('apt-get', ['install', '-y', ...missing], aptLog, env)) {
    fail(`apt-get install ${missing.join(' ')} failed`, aptLog);
  }
}

/** An empty config file and a throwaway HOME: without them code-server writes a password into ~. */
function isolatedRun(args) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'code-server-check-'));
  try {
    const config = path.join(scratch, 'config.yaml');
    fs.writeFileSync(config, '');
    return spawnSync(binary, ['--config', config, ...args], {
      encoding: 'utf8',
      env: { ...process.env, HOME: scratch },
      timeout: 60_000,
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function ensureCodeServer() {
  if (!process.argv.includes('--force') && fs.existsSync(marker) && fs.existsSync(binary)) {
    report(`code-server ${CODE_SERVER_VERSION} already installed in ${path.relative(root, prefix)}/`);
    return;
  }
  if (!RIPGREP_ARCH) {
    fail(`no known ripgrep build for architecture ${process.arch}`);
  }
  const rg = which('rg');
  if (!rg) {
    fail('ripgrep (rg) is needed to seed code-server\'s ripgrep download');
  }
  // A failed install rolls back, but leftovers of an interrupted one would confuse npm: start clean.
  fs.rmSync(prefix, { recursive: true, force: true });
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.mkdirSync(prefix, { recursive: true });
  fs.mkdirSync(path.join(tmpDir, RIPGREP_CACHE_DIR), { recursive: true });
  fs.writeFileSync(installLog, '');

  // The pre-seeded "download": a tarball holding one file named `rg` (Debian's binary; -h follows symlinks).
  const tarball = path.join(tmpDir, RIPGREP_CACHE_DIR, RIPGREP_TARBALL);
  if (!runLogged('tar', ['-czhf', tarball, '-C', path.dirname(rg), path.basename(rg)], installLog)) {
    fail('could not build the ripgrep tarball', installLog);
  }

  const env = {
    ...process.env,
    TMPDIR: tmpDir, // where @vscode/ripgrep looks for the seeded tarball
    npm_config_unsafe_perm: 'true', // code-server's postinstall refuses to run as root otherwise
    npm_config_yes: 'true', // node-pty's postinstall runs `npx node-gyp`, which aborts under yes=false
    // npm 11.19 skips dependencies' install scripts unless allowed, and code-server's postinstall runs
    // nested project-scoped `npm install`s (lib/vscode, its extensions) that reject --allow-scripts lists.
    // Its native modules (node-pty, kerberos, @parcel/watcher, ripgrep...) all need their scripts, so allow
    // every script for this one isolated install of a pinned version.
    npm_config_dangerously_allow_all_scripts: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  // node-gyp must use the local Node headers: it cannot download them on these machines.
  const nodeDir = path.resolve(process.execPath, '..', '..');
  if (!env.npm_config_nodedir && fs.existsSync(path.join(nodeDir, 'include', 'node', 'common.gypi'))) {
    env.npm_config_nodedir = nodeDir;
  }
  report(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, prefix)}/ ` +
    `(about a minute; log: ${path.relative(root, installLog)})`);
  // A local install into a folder of its own, NOT `npm install --global --prefix`: npm exports its command
  // line flags to scripts as npm_config_* variables, so the postinstall's nested `npm install` in
  // lib/vscode would run in global mode too, "install" lib/vscode (also named code-server) over the
  // package being installed, and fail with ENOENT "Cannot cd into ...". For the same reason pass no
  // --no-save/--no-package-lock: lib/vscode's install must follow its npm-shrinkwrap.json.
  fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true, description: 'code-server for the tests' }) + '\n');
  const npmArgs = ['install', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`];
  if (!runLogged(which('npm') ?? 'npm', npmArgs, installLog, env, prefix)) {
    fail('npm install of code-server failed', installLog);
  }

  // Verify: the binary runs, and the native pieces whose scripts could have been skipped silently exist.
  const version = isolatedRun(['--version']);
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    fs.appendFileSync(installLog, `\n--version: ${version.status}\n${version.stdout}${version.stderr}${version.error ?? ''}\n`);
    fail(`${binary} --version did not report ${CODE_SERVER_VERSION}`, installLog);
  }
  const vscodeModules = path.join(packageDir, 'lib', 'vscode', 'node_modules');
  const expected = ['@vscode/ripgrep/bin/rg', 'node-pty/build/Release/pty.node', 'kerberos/build/Release/kerberos.node'];
  const absent = expected.filter((file) => !fs.existsSync(path.join(vscodeModules, file)));
  if (absent.length > 0) {
    fail(`code-server installed without: ${absent.join(', ')} (an install script did not run)`, installLog);
  }
  // Keep the ripgrep seed (small) for a reinstall; drop the rest of the build's temporary files.
  for (const entry of fs.readdirSync(tmpDir)) {
    if (entry !== RIPGREP_CACHE_DIR) {
      fs.rmSync(path.join(tmpDir, entry), { recursive: true, force: true });
    }
  }
  for (const old of fs.readdirSync(prefix).filter((name) => name.startsWith('.installed-'))) {
    fs.rmSync(path.join(prefix, old));
  }
  fs.writeFileSync(marker, JSON.stringify({ version: version.stdout.trim().split('\n')[0], at: new Date().toISOString() }) + '\n');
  report(`code-server installed: ${version.stdout.trim().split('\n')[0]}`);
}

function checkNodeModules() {
  if (!fs.existsSync(path.join(root, 'node_modules', 'playwright-core'))) {
    report('note: node_modules/playwright-core is missing: run `npm ci` (it is a devDependency)');
  }
}

ensureSystemPackages();
ensureCodeServer();
checkNodeModules();
report(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server: ${path.relative(root, binary)})`);
