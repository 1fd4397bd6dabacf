// Build steps shared by the runners that need compiled tests, the bundle or the .vsix
// (scripts/runIntegration.js, scripts/runE2e.js, scripts/demo.js). Each step throws when it fails.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

/** Every file below `dir` (relative to the repository) that `keep` accepts. */
function walk(dir, keep) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) {
    return [];
  }
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return walk(relative, keep);
    }
    return keep(relative) ? [relative] : [];
  });
}

const mtime = (relative) => fs.statSync(path.join(root, relative)).mtimeMs;
const isSource = (file) => file.endsWith('.ts') && !file.endsWith('.d.ts');

function run(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    throw new Error(`${what} failed (exit ${result.status ?? result.signal})`);
  }
}

/**
 * Removes compiled files whose TypeScript source is gone from these folders of out/ (e.g. out/test/e2e):
 * a deleted test must not keep running from a stale .js.
 */
function pruneOrphans(outFolders) {
  for (const folder of outFolders) {
    for (const file of walk(folder, (name) => name.endsWith('.js'))) {
      const source = path.relative('out', file).replace(/\.js$/, '.ts');
      if (!fs.existsSync(path.join(root, source))) {
        fs.rmSync(path.join(root, file), { force: true });
        fs.rmSync(path.join(root, `${file}.map`), { force: true });
      }
    }
  }
}

/**
 * Runs tsc (tsconfig.test.json) when a .ts file under src/, test/ or bench/ is newer than its .js in out/.
 * Type errors are reported but do not stop the run: tsc still emits, and type-checking is a stage of its own
 * in `npm test`; a runner should still report what the tests do.
 */
function compileIfNeeded({ prune = [] } = {}) {
  pruneOrphans(prune);
  // Folders tsconfig.test.json leaves out (the webview's browser script, bundled by esbuild) have no .js in
  // out/: counting them as stale made every run compile again.
  const excluded = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.test.json'), 'utf8')).exclude ?? [];
  const stale = ['src', 'test', 'bench']
    .flatMap((dir) => walk(dir, isSource))
    .filter((source) => !excluded.some((folder) => source === path.normalize(folder) || source.startsWith(path.normalize(folder) + path.sep)))
    .some((source) => {
      const compiled = path.join('out', source.replace(/\.ts$/, '.js'));
      return !fs.existsSync(path.join(root, compiled)) || mtime(compiled) < mtime(source);
    });
  if (!stale) {
    return;
  }
  console.log('build: compiling the TypeScript (tsc -p tsconfig.test.json)');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.test.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    const errors = `${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
    if (errors.length === 0) {
      throw new Error(`tsc failed:\n${result.stdout}${result.stderr}`);
    }
    console.log(`build: tsc reported ${errors.length} type error(s); running the compiled output anyway:\n  ${errors.slice(0, 10).join('\n  ')}`);
  }
}

/**
 * Rebuilds the bundles (development build) when one is missing or older than a file under src/,
 * package.json or esbuild.js. The bundles are the `outfile`s named in esbuild.js (the extension, the webview).
 */
function bundleIfNeeded() {
  const config = fs.readFileSync(path.join(root, 'esbuild.js'), 'utf8');
  const bundles = [...config.matchAll(/outfile:\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
  const inputs = [...walk('src', () => true), 'package.json', 'esbuild.js'];
  const newestInput = Math.max(...inputs.map(mtime));
  if (bundles.length > 0 && bundles.every((bundle) => fs.existsSync(path.join(root, bundle)) && mtime(bundle) >= newestInput)) {
    return;
  }
  console.log('build: bundling the extension (node esbuild.js)');
  run(process.execPath, ['esbuild.js'], 'node esbuild.js');
}

/** `npm run package`: the production bundle and kantata-teammates.vsix. Returns the .vsix path. */
function packageVsix() {
  console.log('build: packaging the extension (npm run package)');
  run('npm', ['run', '-s', 'package'], 'npm run package');
  return path.join(root, 'kantata-teammates.vsix');
}

/** node scripts/setup.js (idempotent: ~0.2 s when everything is installed). */
function setup() {
  run(process.execPath, [path.join(root, 'scripts', 'setup.js')], 'node scripts/setup.js');
}

module.exports = { root, compileIfNeeded, bundleIfNeeded, packageVsix, setup, pruneOrphans };
