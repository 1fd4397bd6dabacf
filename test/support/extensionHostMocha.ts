// Runs the compiled mocha files of one folder inside the extension host (the body of a test-electron-style
// `run()`), and writes the counts to the file named by $KANTATA_TEST_RESULTS, because the workbench hands
// back only an exit code (0 or 1): scripts/runIntegration.js reads this file to count tests.
// No `vscode` import here: the suites' own files use it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  failures: { title: string; message: string }[];
  /** False until mocha has finished: a results file left at false means the run crashed or hung. */
  finished: boolean;
}

/** Every `*.test.js` below `dir`, sorted, so that runs are in a stable order. */
export function findTestFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    return [];
  }
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return findTestFiles(full);
      }
      return entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

function writeResults(results: SuiteResults): void {
  const file = process.env.KANTATA_TEST_RESULTS;
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(results, null, 2));
  }
}

/**
 * Runs every `*.test.js` below `dir` with mocha (bdd: describe/it), or those named in `only` (`name` for
 * `name.test.js`). Resolves when all passed; rejects when any failed or when nothing ran, since an empty run
 * proves nothing. `KANTATA_TEST_GREP` narrows the run.
 */
export async function runMochaSuite(dir: string, only?: readonly string[]): Promise<void> {
  // No colours: the output reaches the caller through the workbench's console (code-server) or stdout.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000, slow: 2_000 });
  if (process.env.KANTATA_TEST_GREP) {
    mocha.grep(process.env.KANTATA_TEST_GREP);
  }
  const files = findTestFiles(dir).filter((file) => !only || only.includes(path.basename(file, '.test.js')));
  files.forEach((file) => mocha.addFile(file));
  const results: SuiteResults = { passed: 0, failed: 0, pending: 0, failures: [], finished: false };
  // Written before anything runs, so the caller can tell "never loaded" from "started and never finished".
  writeResults(results);
  if (files.length === 0 || (only && files.length !== only.length)) {
    throw new Error(only ? `not every one of ${only.map((name) => `${name}.test.js`).join(', ')} is under ${dir}` : `no *.test.js files under ${dir}`);
  }
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run(() => {
      results.finished = true;
      writeResults(results);
      if (results.failed > 0) {
        reject(new Error(`${results.failed} test(s) failed`));
      } else if (results.passed === 0) {
        reject(new Error('no test ran'));
      } else {
        resolve();
      }
    });
    runner.on('pass', () => results.passed++);
    runner.on('pending', () => results.pending++);
    // 'fail' also fires for a failing hook: it counts as a failure, as in mocha's own summary.
    runner.on('fail', (test, error: unknown) => {
      results.failed++;
      results.failures.push({ title: test.fullTitle(), message: error instanceof Error ? error.message : String(error) });
    });
  });
}
