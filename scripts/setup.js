#!/usr/bin/env node
// Prepares a machine for the real-VS-Code tests, idempotently (instant when everything is present):
//   1. A browser for Playwright: $CHROMIUM_PATH, else an installed Chromium or Chrome, else Debian's chromium
//      (the choice is written to .cache/chromium-path for the harness). To build code-server: ripgrep (seeds
//      its ripgrep), libkrb5-dev (its `kerberos` module), a C/C++ toolchain + python3 for node-gyp.
//      As root with apt-get it installs what is missing; otherwise it says what to install and how.
//   2. code-server (the real VS Code 1.100 server + web workbench) in .cache/code-server/, never as a
//      package.json dependency; or $CODE_SERVER_BIN, a code-server of your own (then nothing is built). See /work/shared/testing-notes.md for why each setting below is needed.
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

/** Where the browser harness finds the browser setup chose (test/harness/browser.ts reads this file). */
const chromiumPathFile = path.join(cacheDir, 'chromium-path');
/** Browsers playwright-core can drive, by the names their packages put on PATH, then by where installers put them. */
const BROWSER_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
const BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** $CHROMIUM_PATH when set (it must exist), else an installed Chromium or Chrome, else undefined. */
function findChromium() {
  const chosen = process.env.CHROMIUM_PATH;
  if (chosen) {
    if (!fs.existsSync(chosen)) {
      fail(`CHROMIUM_PATH is ${chosen}, which does not exist: point it at a Chromium or Chrome executable.`);
    }
    return chosen;
  }
  return BROWSER_COMMANDS.map(which).find(Boolean) ?? BROWSER_PATHS.find((candidate) => fs.existsSync(candidate));
}

/** $CODE_SERVER_BIN, when the person brings their own code-server (then nothing needs building here). */
function ownCodeServer() {
  const chosen = process.env.CODE_SERVER_BIN;
  if (chosen && !fs.existsSync(chosen)) {
    fail(`CODE_SERVER_BIN is ${chosen}, which does not exist: unset it to let this script install code-server ${CODE_SERVER_VERSION}.`);
  }
  return chosen;
}

/** What each missing piece is called by the package managers people have. */
const PACKAGE_NAMES = {
  chromium: { apt: 'chromium', dnf: 'chromium', brew: '--cask chromium' },
  ripgrep: { apt: 'ripgrep', dnf: 'ripgrep', brew: 'ripgrep' },
  'libkrb5-dev': { apt: 'libkrb5-dev', dnf: 'krb5-devel', brew: 'krb5' },
  'build-essential': { apt: 'build-essential', dnf: 'gcc-c++ make', brew: '(Xcode command line tools: xcode-select --install)' },
  python3: { apt: 'python3', dnf: 'python3', brew: 'python3' },
};

/** The pieces missing on this machine: a browser always; the tools that build code-server unless it is brought. */
function missingPackages(browser) {
  const missing = browser ? [] : ['chromium'];
  if (ownCodeServer()) {
    return missing;
  }
  if (!which('rg')) {
    missing.push('ripgrep');
  }
  if (process.platform === 'linux' && (!fs.existsSync('/usr/include/gssapi/gssapi.h') || !which('krb5-config'))) {
    missing.push('libkrb5-dev');
  }
  if (!which('g++') || !which('make')) {
    missing.push('build-essential');
  }
  if (!which('python3')) {
    missing.push('python3');
  }
  return missing;
}

/** Without root (or apt), what to install by hand, for the package managers people use, and the ways round it. */
function installAdvice(missing) {
  const line = (manager, command) => `    ${command} ${missing.map((name) => PACKAGE_NAMES[name][manager]).join(' ')}`;
  return (
    `missing on this machine: ${missing.join(', ')}. This script installs them only as root with apt-get; please install them:\n` +
    `${line('apt', 'sudo apt-get install -y')}   (Debian, Ubuntu)\n` +
    `${line('dnf', 'sudo dnf install -y')}   (Fedora)\n` +
    `${line('brew', 'brew install')}   (macOS)\n` +
    '  Or point the tests at what you have: CHROMIUM_PATH=/path/to/chromium-or-chrome (any recent Chromium or Chrome),\n' +
    `  CODE_SERVER_BIN=/path/to/code-server (version ${CODE_SERVER_VERSION}; then nothing is built here). Then run this script again.`
  );
}

function ensureSystemPackages() {
  let browser = findChromium();
  const missing = missingPackages(browser);
  if (missing.length > 0) {
    const isRoot = process.getuid?.() === 0;
    if (!isRoot || !which('apt-get')) {
      fail(installAdvice(missing));
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
    browser = findChromium();
  } else {
    report(`system packages present (browser, ${ownCodeServer() ? 'code-server from CODE_SERVER_BIN' : 'ripgrep, Kerberos headers, toolchain'})`);
  }
  if (!browser) {
    fail('no Chromium or Chrome found after installing: set CHROMIUM_PATH.');
  }
  fs.writeFileSync(chromiumPathFile, `${browser}\n`);
  report(`browser: ${browser}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}`);
}

/** code-server 4.100.3 runs on Node 20 only (its engines field; native modules are built for 20's ABI). */
function checkNodeVersion() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20 && !ownCodeServer()) {
    fail(
      `Node ${process.versions.node} is running; code-server ${CODE_SERVER_VERSION}, the VS Code the tests run in, needs Node 20.\n` +
        '  With nvm: nvm install && nvm use (the repository\'s .nvmrc says 20). Or bring your own code-server with CODE_SERVER_BIN.',
    );
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
  const own = ownCodeServer();
  if (own) {
    const version = spawnSync(own, ['--version'], { encoding: 'utf8', timeout: 60_000 });
    const first = (version.stdout ?? '').trim().split('\n')[0] ?? '';
    if (version.status !== 0) {
      fail(`CODE_SERVER_BIN (${own}) --version failed: ${version.stderr || version.error}`);
    }
    report(`code-server from CODE_SERVER_BIN: ${own} (${first})${first.startsWith(CODE_SERVER_VERSION) ? '' : `; the tests are written against ${CODE_SERVER_VERSION}`}`);
    return;
  }
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

checkNodeVersion();
ensureSystemPackages();
ensureCodeServer();
checkNodeModules();
report(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s (code-server: ${ownCodeServer() ?? path.relative(root, binary)})`);
