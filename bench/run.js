#!/usr/bin/env node
// `npm run bench`: the performance figures of issue 8, each with its median and min–max over several runs,
// compared with its target; everything goes to bench/results.json. A benchmark, not a test: a missed target
// is reported, never an error. The exit code is 1 only when the benchmark itself could not run.
//
//   npm run bench                     everything (about 7 minutes on 2 cores)
//   npm run bench -- --short          fewer runs and sizes, for CI (about 3 minutes): proves it still works
//   npm run bench -- --only bundle,activation,start,tree,panel,availability   some parts ("start" is a second start
//                                     with a cached list of 5,000 users at 1,000 ms a request; "tree" is the extension-host part:
//                                     time to full tree, sequential paging, requests, memory; "availability"
//                                     is Team Availability: its grids in the workbench and its heap)
//   npm run bench -- --profile        also CPU profiles of one refresh (5,000 users at 150 ms, 10,000 at 0 ms)
//                                     into out/bench-profiles/, with their top self times printed
//
// Runs `node scripts/setup.js` first (code-server, Chromium). What each figure is and how it is measured: the
// README's Performance section and the comments in bench/*.ts.
const path = require('node:path');
const { root, compileIfNeeded, setup } = require('../scripts/buildSteps');

async function main() {
  setup();
  compileIfNeeded({ prune: [path.join('out', 'bench')] });
  const { runBench } = require(path.join(root, 'out', 'bench', 'main.js'));
  return runBench(process.argv.slice(2));
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
