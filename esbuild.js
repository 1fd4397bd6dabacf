// Builds the extension into one CommonJS bundle, dist/extension.js, and the profile page's script into a
// browser bundle, dist/webview.js, and the Team Availability page's, dist/availability.js.
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/**
 * Two parts of axios the extension never uses, replaced by stand-ins in the bundle:
 * - `form-data`, which axios imports for Node versions without a FormData of their own, and with it
 *   mime-types and its MIME database: half of axios's weight in the bundle. Every VS Code the extension
 *   accepts (1.90 on) runs Node 20, whose global FormData axios streams natively, and the extension builds
 *   its multipart bodies only with that one (src/kantata/httpTransport.ts). The stand-in makes the global one,
 *   looked up on first use: touching it makes Node load its fetch implementation (undici), tens of ms.
 * - axios's fetch adapter, which probes the platform's fetch, Request and ReadableStream as soon as it is
 *   loaded (loading undici again). In Node axios uses its http adapter (the default order is xhr, http,
 *   fetch), and the extension never asks for another; the stand-in reports fetch as unavailable.
 * And axios's utils read the global FormData when loaded, only to recognise forms by `instanceof`; without
 * it they recognise one by its "[object FormData]" tag, as they do for other FormData implementations.
 * bench/ measures what this saves (bundle size; "evaluating the bundle" at activation).
 */
const axiosStandIns = {
  name: 'axios-stand-ins',
  setup(build) {
    build.onResolve({ filter: /^form-data$/ }, () => ({ path: 'form-data', namespace: 'axios-stand-ins' }));
    build.onResolve({ filter: /^\.\/fetch\.js$/ }, (args) =>
      /[\\/]axios[\\/]lib[\\/]adapters$/.test(args.resolveDir) ? { path: 'fetch-adapter', namespace: 'axios-stand-ins' } : undefined,
    );
    build.onLoad({ filter: /^form-data$/, namespace: 'axios-stand-ins' }, () => ({
      contents: `module.exports = class FormData {
        constructor() { return new globalThis.FormData(); }
        static [Symbol.hasInstance](value) { return value instanceof globalThis.FormData; }
      };`,
      loader: 'js',
    }));
    build.onLoad({ filter: /^fetch-adapter$/, namespace: 'axios-stand-ins' }, () => ({
      contents: 'export const getFetch = () => false; export default false;',
      loader: 'js',
    }));
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
  if (process.argv.includes('--analyze')) {
    for (const result of results) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
  }
}

// bench/ builds with the same options (to a folder of its own) to see what the bundle is made of.
module.exports = { extensionOptions, webviewOptions, availabilityOptions };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
