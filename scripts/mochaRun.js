// Runs one compiled mocha suite (out/test/<suite>/**/*.test.js) and records its counts in
// test-results/<suite>.json, so that scripts/test.js can add every layer up into one summary line.
// Usage: node scripts/mochaRun.js <suite> [--grep pattern]
const fs = require('node:fs');
const path = require('node:path');
const { findFiles } = require('./findFiles');
const Mocha = require('mocha');

const root = path.resolve(__dirname, '..');

const findTests = (dir) => findFiles(dir, '.test.js');

function main() {
  const suite = process.argv[2];
  if (!suite) {
    console.error('usage: node scripts/mochaRun.js <suite> [--grep pattern]');
    process.exit(2);
  }
  const grepIndex = process.argv.indexOf('--grep');
  const mocha = new Mocha({
    reporter: 'spec',
    timeout: 20_000,
    slow: 1_000,
    grep: grepIndex > 0 ? process.argv[grepIndex + 1] : undefined,
  });
  const files = findTests(path.join(root, 'out', 'test', suite));
  if (files.length === 0) {
    console.error(`No compiled tests under out/test/${suite}: run "npm run compile-tests" first.`);
    process.exit(1);
  }
  files.forEach((file) => mocha.addFile(file));
  const runner = mocha.run((failures) => {
    const stats = runner.stats ?? { passes: 0, failures };
    const result = { suite, passed: stats.passes, failed: stats.failures, pending: stats.pending ?? 0 };
    fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'test-results', `${suite}.json`), JSON.stringify(result, null, 2));
    // A suite that ran nothing proves nothing.
    process.exitCode = failures > 0 || result.passed === 0 ? 1 : 0;
  });
}

main();
