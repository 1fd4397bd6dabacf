// Builds the extension into one CommonJS bundle, dist/extension.js, and the profile page's script into a
// browser bundle, dist/webview.js.
// `--production` minifies and drops sourcemaps; `--watch` rebuilds on change.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const extensionOptions = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node18',
  outfile: 'dist/extension.js',
  external: ['vscode'],
  // The first statement of the bundle: when it was evaluated, so activate() can log how long loading took.
  banner: { js: '"use strict";globalThis.__kantataBundleStart = performance.now();' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: production ? 'none' : 'inline',
  logLevel: 'info',
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const webviewOptions = {
  entryPoints: ['src/webview/browser/main.ts'],
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

async function main() {
  const builds = [extensionOptions, webviewOptions];
  if (watch) {
    for (const options of builds) {
      const ctx = await esbuild.context(options);
      await ctx.watch();
    }
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  if (process.argv.includes('--analyze')) {
    for (const result of results) {
      console.log(await esbuild.analyzeMetafile(result.metafile));
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
