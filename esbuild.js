// Builds the extension into one CommonJS bundle, dist/extension.js, and the profile page's script into a
// browser bundle, dist/webview.js, and the Team Availability page's, dist/availability.js.
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * What axios would bring that the extension never runs, replaced by stand-ins in the bundle. Every request the
 * extension makes (src/kantata/httpTransport.ts, photoDownload.ts) sets `maxRedirects: 0` and `proxy: false`
 * and brings its own agents (src/kantata/networkAgents.ts: https-proxy-agent 7 for tunnels), so in axios's
 * http adapter:
 * - `follow-redirects` (with `debug`) is only the transport for `maxRedirects` > 0: its stand-in fails loudly
 *   if a request ever asks for redirects to be followed;
 * - `proxy-from-env`, axios's own `https-proxy-agent` 5 (with agent-base 6 and `debug`) and its
 *   `shouldBypassProxy` only serve axios's `proxy` option and proxy environment variables, which `proxy: false`
 *   turns off: stand-ins that fail loudly if reached. One proxy stack is left, ours.
 * - `form-data`, which axios imports for Node versions without a FormData of their own, and with it
 *   mime-types and its MIME database. Every VS Code the extension accepts runs Node 20, whose global FormData
 *   axios streams natively, and the extension builds multipart bodies only with that one (httpTransport.ts).
 *   The stand-in makes the global one, looked up on first use: touching it makes Node load undici.
 * - the fetch and xhr adapters: in Node axios uses its http adapter (the default order is xhr, http, fetch;
 *   xhr is unavailable without XMLHttpRequest) and the extension never asks for another. The fetch adapter
 *   would probe fetch, Request and ReadableStream as soon as it is loaded (loading undici).
 * - `debug`, which https-proxy-agent 7 calls to log when the DEBUG variable names it: a stand-in that never
 *   logs (the extension's own log says which proxy a request went through).
 * And axios's utils read the global FormData when loaded, only to recognise forms by `instanceof`; without
 * it they recognise one by its "[object FormData]" tag, as they do for other FormData implementations. This
 * one source patch stays (issue 22): the first read of Node 20's global FormData loads undici, 38–43 ms in plain
 * Node (five runs, 2026-12-03). VS Code 1.100's extension host has usually paid that already (it reads
 * globalThis.fetch at start to patch it for its proxy support), so there the patch saves little; where it has
 * not (plain Node: the client's tests, benchmarks and tools), it keeps 40 ms out of loading the bundle. It is a
 * one-line replacement, and the build fails if axios changes that line.
 * bench/ measures what this saves (bundle size; "evaluating the bundle" at activation), and the build fails
 * when one of these modules is back in the bundle (checkExcluded).
 */
const notUsed = (what) => `throw new Error(${JSON.stringify(`${what} is not in this build: requests set maxRedirects: 0 and proxy: false (esbuild.js)`)});`;
const axiosStandIns = {
  name: 'axios-stand-ins',
  setup(build) {
    const standIn = (filter, name, inAxios) =>
      build.onResolve({ filter }, (args) => (!inAxios || /[\\/]axios[\\/]lib[\\/]/.test(args.resolveDir) ? { path: name, namespace: 'axios-stand-ins' } : undefined));
    standIn(/^form-data$/, 'form-data', false);
    standIn(/^debug$/, 'debug', false);
    standIn(/^follow-redirects$/, 'follow-redirects', true);
    standIn(/^proxy-from-env$/, 'proxy-from-env', true);
    standIn(/^https-proxy-agent$/, 'axios-https-proxy-agent', true);
    standIn(/^\.\/fetch\.js$/, 'fetch-adapter', true);
    standIn(/^\.\/xhr\.js$/, 'xhr-adapter', true);
    standIn(/^\.\.\/helpers\/shouldBypassProxy\.js$/, 'should-bypass-proxy', true);
    const contents = {
      'form-data': `module.exports = class FormData {
        constructor() { return new globalThis.FormData(); }
        static [Symbol.hasInstance](value) { return value instanceof globalThis.FormData; }
      };`,
      debug: 'module.exports = () => Object.assign(() => {}, { enabled: false });',
      'follow-redirects': `const request = () => { ${notUsed('Following redirects')} };
        module.exports = { http: { request, get: request }, https: { request, get: request } };`,
      'proxy-from-env': `exports.getProxyForUrl = () => { ${notUsed("axios's proxy from the environment")} };`,
      'axios-https-proxy-agent': `module.exports = class HttpsProxyAgent { constructor() { ${notUsed("axios's proxy option")} } };`,
      'fetch-adapter': 'export const getFetch = () => false; export default false;',
      'xhr-adapter': 'export default false;',
      'should-bypass-proxy': `export default function shouldBypassProxy() { ${notUsed("axios's proxy from the environment")} }`,
    };
    build.onLoad({ filter: /.*/, namespace: 'axios-stand-ins' }, (args) => ({ contents: contents[args.path], loader: 'js' }));
    build.onLoad({ filter: /[\\/]axios[\\/]lib[\\/]utils\.js$/ }, async (args) => {
      const eager = "const FormDataCtor = typeof G.FormData !== 'undefined' ? G.FormData : undefined;";
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(eager)) {
        throw new Error(`${args.path} no longer reads FormData as esbuild.js expects: check the axios stand-ins`);
      }
      return { contents: source.replace(eager, 'const FormDataCtor = undefined;'), loader: 'js' };
    });
  },
};

/** Modules the stand-ins keep out of dist/extension.js: the build fails if one comes back (a new import path). */
const EXCLUDED = [
  /node_modules\/(follow-redirects|debug|ms|supports-color|has-flag|proxy-from-env|form-data|mime-types|mime-db|combined-stream|asynckit)\//,
  /node_modules\/axios\/node_modules\//,
  /node_modules\/axios\/lib\/adapters\/(fetch|xhr)\.js$/,
  /node_modules\/axios\/lib\/helpers\/shouldBypassProxy\.js$/,
];

/** The inputs of dist/extension.js that EXCLUDED names, from esbuild's metafile. */
function excludedInputs(metafile) {
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('extension.js'))?.[1];
  return Object.keys(output?.inputs ?? {}).filter((input) => EXCLUDED.some((pattern) => pattern.test(input)));
}

/**
 * `import * as vscode from 'vscode'` in a CommonJS bundle costs a copy of the whole vscode API object (a few
 * hundred properties) per importing file, some 30 of them, all while the bundle is evaluated at activation.
 * Routed through one ES module that re-exports it, the copy is made once.
 */
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** @type {import('esbuild').BuildOptions} */
const extensionOptions = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  plugins: [axiosStandIns, vscodeOnce],
  // The first and last statements of the bundle: when they were evaluated, so activate() can log how long
  // loading took, and how much of it was evaluating the bundle.
  banner: { js: '"use strict";globalThis.__kantataBundleStart = performance.now();' },
  footer: { js: 'globalThis.__kantataBundleEnd = performance.now();' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const webviewOptions = {
  entryPoints: ['src/profile/browser/main.ts'],
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outfile: 'dist/webview.js',
  minify: production,
  sourcemap: production ? false : 'inline',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'info',
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const availabilityOptions = { ...webviewOptions, entryPoints: ['src/availability/browser/main.ts'], outfile: 'dist/availability.js' };

async function main() {
  const builds = [extensionOptions, webviewOptions, availabilityOptions];
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  // The pages' scripts are written into their pages (src/profile/profileHtml.ts): text that would end or
  // confuse a script element there must not be in them.
  for (const options of [webviewOptions, availabilityOptions]) {
    if (/<\/script|<!--/i.test(fs.readFileSync(options.outfile, 'utf8'))) {
      throw new Error(`${options.outfile} holds "</script" or "<!--", which would break the page it is written into`);
    }
  }
  const back = excludedInputs(results[0].metafile);
  if (back.length > 0) {
    throw new Error(`dist/extension.js holds modules the axios stand-ins should keep out (see EXCLUDED in esbuild.js): ${back.join(', ')}`);
  }
  if (process.argv.includes('--analyze')) {
    for (const result of results) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
  }
}

// bench/ builds with the same options (to a folder of its own) to see what the bundle is made of.
module.exports = { extensionOptions, webviewOptions, availabilityOptions, excludedInputs };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
