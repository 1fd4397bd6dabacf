// Type-checks both programs: the extension and its tests (Node, emitted into out/), and the webview's
// browser script (DOM types, not emitted). One stage of scripts/test.js; also `npm run check`.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = false;
for (const project of ['tsconfig.test.json', 'tsconfig.webview.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
  failed ||= result.status !== 0;
}
process.exitCode = failed ? 1 : 0;
