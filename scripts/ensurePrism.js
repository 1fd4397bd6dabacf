// Installs the Prism mock server (@stoplight/prism-cli 5.14) into .cache/prism/, outside package.json:
// it is heavy and only the OpenAPI comparison test needs it. Idempotent: when the pinned version is already
// there it returns at once. Prints (or, required as a module, returns) the path of the prism CLI entry point.
// Usage: node scripts/ensurePrism.js
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const VERSION_RANGE = '5.14';
const root = path.resolve(__dirname, '..');
const prefix = path.join(root, '.cache', 'prism');
const packageDir = path.join(prefix, 'node_modules', '@stoplight', 'prism-cli');
const entryPoint = path.join(packageDir, 'dist', 'index.js');

function installedVersion() {
  try {
    return JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function isInstalled() {
  const version = installedVersion();
  return typeof version === 'string' && version.startsWith(`${VERSION_RANGE}.`) && fs.existsSync(entryPoint);
}

function ensurePrism() {
  if (isInstalled()) {
    return entryPoint;
  }
  fs.mkdirSync(prefix, { recursive: true });
  // A private package.json keeps npm from walking up to the project's own package.json and lock file.
  const manifest = path.join(prefix, 'package.json');
  if (!fs.existsSync(manifest)) {
    fs.writeFileSync(manifest, JSON.stringify({ name: 'prism-cache', private: true, description: 'Installed by scripts/ensurePrism.js' }, null, 2));
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(
    npm,
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error', `@stoplight/prism-cli@${VERSION_RANGE}`],
    { cwd: prefix, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, npm_config_yes: 'true' } },
  );
  if (result.status !== 0 || !isInstalled()) {
    throw new Error(`Installing @stoplight/prism-cli@${VERSION_RANGE} into ${prefix} failed (exit ${result.status}):\n${result.stderr || result.stdout}`);
  }
  return entryPoint;
}

module.exports = { ensurePrism, prismEntryPoint: entryPoint };

if (require.main === module) {
  try {
    console.log(ensurePrism());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
