// The extension-host and workbench suites on a busy machine: integration and e2e, three rounds each (by
// default), while every core is kept busy by another process. A suite that waits on time instead of on
// events and states fails here; none may. The same stages and limits as `npm test` (scripts/test.js).
// Ends with the plain summary `N passed, N failed` over all rounds.
// Usage: node scripts/stress.js [--rounds 3] [--suites integration,e2e] [--burners <cores>]
const { spawn } = require('node:child_process');
const os = require('node:os');
const { stages, run } = require('./test');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

const rounds = Number(option('rounds', '3'));
const suiteNames = option('suites', 'integration,e2e').split(',');
const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
const burnerCount = Number(option('burners', String(cores)));

const selected = suiteNames.map((name) => {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) {
    console.error(`stress: unknown suite "${name}" (stages: ${stages.map((candidate) => candidate.name).join(', ')})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  return stage;
});

/** One process per core spinning at normal priority, as a build or another test run would. */
function startBurners() {
  return Array.from({ length: burnerCount }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}

function stopBurners(burners) {
  for (const burner of burners) {
    burner.kill('SIGKILL');
  }
}

function main() {
  const burners = startBurners();
  const stop = () => stopBurners(burners);
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop();
      process.exit(130);
    });
  }
  console.log(`stress: ${burnerCount} busy process(es) on ${cores} core(s); ${rounds} round(s) of ${suiteNames.join(', ')}`);
  const loadBefore = os.loadavg()[0];
  const started = Date.now();
  const totals = { passed: 0, failed: 0 };
  const table = [];
  for (let round = 1; round <= rounds; round++) {
    for (const stage of selected) {
      const stageStarted = Date.now();
      const counts = run(stage);
      totals.passed += counts.passed;
      totals.failed += counts.failed;
      table.push(`  round ${round}  ${stage.name.padEnd(12)} ${String(counts.passed).padStart(4)} passed ${String(counts.failed).padStart(3)} failed ${((Date.now() - stageStarted) / 1000).toFixed(1).padStart(7)} s   load ${os.loadavg()[0].toFixed(1)}`);
    }
  }
  stop();
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\n${table.join('\n')}`);
  console.log(`\nstress: ${minutes} min with ${burnerCount} busy process(es) on ${cores} core(s); 1-minute load average ${loadBefore.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main();
