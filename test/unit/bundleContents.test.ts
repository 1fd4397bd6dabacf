// What esbuild.js keeps out of dist/extension.js (issue 22): axios's redirect, proxy-from-environment, fetch and
// xhr code, its own https-proxy-agent 5 and `debug`, all replaced by stand-ins since every request sets
// `maxRedirects: 0` and `proxy: false`. The build fails when one comes back; this checks the check, and the
// stand-ins' loud failure if a request ever needs what they replace.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { BuildOptions, Metafile } from 'esbuild';

const root = path.resolve(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const esbuild = require(path.join(root, 'node_modules', 'esbuild')) as typeof import('esbuild');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const build = require(path.join(root, 'esbuild.js')) as { extensionOptions: BuildOptions; excludedInputs: (metafile: Metafile) => string[] };

describe('the extension bundle (esbuild.js)', function () {
  this.timeout(60_000);
  let metafile: Metafile;
  let bundleText: string;

  before(async () => {
    const cwd = process.cwd();
    process.chdir(root);
    try {
      const result = await esbuild.build({ ...build.extensionOptions, minify: true, sourcemap: false, write: false, outfile: path.join(root, 'out', 'bundle-check', 'extension.js'), logLevel: 'silent' });
      metafile = result.metafile as Metafile;
      bundleText = result.outputFiles?.[0]?.text ?? '';
    } finally {
      process.chdir(cwd);
    }
  });

  it('holds none of the modules the stand-ins replace, and still the proxy stack the extension uses', () => {
    const inputs = Object.keys(Object.values(metafile.outputs)[0]?.inputs ?? {});
    assert.deepEqual(build.excludedInputs(metafile), []);
    assert.ok(inputs.some((input) => input.includes('node_modules/https-proxy-agent/')), 'https-proxy-agent 7 (our tunnels) is in');
    assert.ok(inputs.some((input) => input.endsWith('node_modules/axios/lib/adapters/http.js')), "axios's http adapter is in");
  });

  it('names a module that comes back (what makes the build fail)', () => {
    const output = Object.values(metafile.outputs)[0] as Metafile['outputs'][string];
    const withBack: Metafile = {
      ...metafile,
      outputs: { 'dist/extension.js': { ...output, inputs: { ...output.inputs, 'node_modules/follow-redirects/index.js': { bytesInOutput: 8000 }, 'node_modules/axios/node_modules/agent-base/dist/src/index.js': { bytesInOutput: 3000 } } } },
    };
    assert.deepEqual(build.excludedInputs(withBack), ['node_modules/follow-redirects/index.js', 'node_modules/axios/node_modules/agent-base/dist/src/index.js']);
  });

  it('makes a request that would need a replaced part fail with a message saying why, never silently', () => {
    assert.match(bundleText, /Following redirects is not in this build: requests set maxRedirects: 0 and proxy: false/);
    assert.match(bundleText, /axios's proxy option is not in this build/);
  });
});
