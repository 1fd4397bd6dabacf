// `npm run bench` (bench/run.js compiles, then calls runBench): measures the figures of issue 8, prints one
// line per figure (median, min–max, runs, target), and writes bench/results.json. Slowness is reported, never
// an error: the exit code is 1 only when a part could not be measured at all.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { measureActivation } from './activation';
import { measureAvailability } from './availability';
import { measureBundle, packageExtension, type PackagedExtension } from './bundle';
import { measureAvailabilityHeap, measureInExtensionHost } from './extensionHostBench';
import { measurePanel } from './panel';
import { measureCachedStart } from './startCached';
import { formatFigure, type Figure } from './stats';

const root = path.resolve(__dirname, '..', '..');
const PARTS = ['bundle', 'activation', 'start', 'tree', 'panel', 'availability'] as const;
type Part = (typeof PARTS)[number];

interface Settings {
  readonly activationRuns: number;
  readonly startupActivationRuns: number;
  /** Second starts with a cached list of 5,000 users (page reloads of one workbench), after `startWarmups` unmeasured ones. */
  readonly startRuns: number;
  readonly startWarmups: number;
  readonly sizes: readonly number[];
  readonly latencies: readonly number[];
  readonly treeRuns: number;
  readonly warmups: number;
  readonly memoryRuns: number;
  /** Windows for the panel figures: each gives one first panel, one later new panel and six clicks in the preview. */
  readonly panelWindows: number;
  readonly extensionHostTimeoutMs: number;
  /** Team Availability: grids of 50 people (Enter → full grid, ready → first row), of 500 (long tasks), heap runs. */
  readonly availabilityGridRuns: number;
  readonly availabilityLongTaskRuns: number;
  readonly availabilityHeapRuns: number;
}

const FULL: Settings = {
  activationRuns: 10,
  startupActivationRuns: 5,
  startRuns: 7,
  startWarmups: 1,
  sizes: [200, 1000, 5000, 10_000],
  latencies: [0, 50, 150],
  treeRuns: 7,
  warmups: 1,
  memoryRuns: 5,
  panelWindows: 5,
  extensionHostTimeoutMs: 15 * 60_000,
  availabilityGridRuns: 7,
  availabilityLongTaskRuns: 3,
  availabilityHeapRuns: 5,
};

/** For CI: proves every part still works, in about two minutes; its numbers are indicative only. */
const SHORT: Settings = {
  activationRuns: 2,
  startupActivationRuns: 1,
  startRuns: 2,
  startWarmups: 1,
  sizes: [200, 5000],
  latencies: [0, 150],
  treeRuns: 2,
  warmups: 1,
  memoryRuns: 1,
  panelWindows: 1,
  extensionHostTimeoutMs: 6 * 60_000,
  availabilityGridRuns: 2,
  availabilityLongTaskRuns: 1,
  availabilityHeapRuns: 1,
};

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    // Other work on the machine skews every timing: recorded at the start (1, 5 and 15 minute averages).
    loadAverage: os.loadavg().map((load) => load.toFixed(2)).join(' '),
  };
}

function parseArguments(argv: readonly string[]): { short: boolean; parts: Set<Part>; profile: boolean } {
  const short = argv.includes('--short');
  const profile = argv.includes('--profile');
  const onlyIndex = argv.indexOf('--only');
  const only = onlyIndex >= 0 ? (argv[onlyIndex + 1] ?? '').split(',').filter(Boolean) : [...PARTS];
  const unknown = only.filter((part) => !(PARTS as readonly string[]).includes(part));
  const flags = argv.filter((arg, index) => arg.startsWith('-') && !['--short', '--profile', '--only'].includes(arg) && argv[index - 1] !== '--only');
  if (unknown.length > 0 || flags.length > 0) {
    throw new Error(`unknown ${unknown.length ? `part(s) ${unknown.join(', ')}` : `option(s) ${flags.join(' ')}`}; usage: npm run bench -- [--short] [--profile] [--only ${PARTS.join(',')}]`);
  }
  return { short, parts: new Set(only as Part[]), profile };
}

export async function runBench(argv: readonly string[]): Promise<number> {
  const { short, parts, profile } = parseArguments(argv);
  const settings = short ? SHORT : FULL;
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const figures: Figure[] = [];
  const details: Record<string, unknown> = {};
  const errors: { part: Part; message: string }[] = [];
  const outDir = path.join(root, 'out', 'bench-work');
  const about = machine();
  log(`bench (${short ? 'short' : 'full'}): ${about.cpu}, ${about.cores} cores, ${about.memoryGB} GB, ${about.os}, Node ${about.node}; load average ${about.loadAverage}`);

  const part = async (name: Part, body: () => Promise<Figure[]>) => {
    if (!parts.has(name)) {
      return;
    }
    log(`\n== ${name}`);
    const partStarted = Date.now();
    try {
      const measured = await body();
      figures.push(...measured);
      measured.forEach((item) => log(formatFigure(item)));
      log(`== ${name}: ${((Date.now() - partStarted) / 1000).toFixed(0)} s`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      errors.push({ part: name, message });
      log(`== ${name}: could not be measured: ${message}`);
    }
  };

  // Every other part needs the .vsix; the bundle part measures it as well.
  let packaged: PackagedExtension | undefined;
  const needPackage = async (): Promise<PackagedExtension> => {
    packaged ??= packageExtension(root, path.join(outDir, 'package'));
    return packaged;
  };

  await part('bundle', async () => {
    const result = await measureBundle(root, path.join(outDir, 'package'));
    packaged = result.packaged;
    details.bundle = result.details;
    return result.figures;
  });
  await part('activation', async () => {
    const result = await measureActivation((await needPackage()).vsix, { settledRuns: settings.activationRuns, startupRuns: settings.startupActivationRuns }, log);
    details.activation = result.runs;
    return result.figures;
  });
  await part('start', async () => {
    const result = await measureCachedStart((await needPackage()).vsix, { runs: settings.startRuns, warmups: settings.startWarmups }, log);
    details.start = result.runs;
    return result.figures;
  });
  await part('tree', async () => {
    const result = await measureInExtensionHost(
      {
        root,
        extensionFolder: (await needPackage()).folder,
        sizes: settings.sizes,
        latencies: settings.latencies,
        runs: settings.treeRuns,
        warmups: settings.warmups,
        memoryRuns: settings.memoryRuns,
        timeoutMs: settings.extensionHostTimeoutMs,
        ...(profile ? { profileDir: path.join(root, 'out', 'bench-profiles') } : {}),
      },
      log,
    );
    details.extensionHost = result.results;
    for (const summary of result.results.profiles) {
      log(`  CPU profile of one refresh, ${summary.users} users at ${summary.latencyMs} ms: ${summary.wallMs.toFixed(0)} ms wall, ${summary.cpuMs} ms CPU sampled; ${summary.file}`);
      summary.top.slice(0, 8).forEach((entry) => log(`    ${entry.selfMs.toFixed(1).padStart(7)} ms  ${entry.fn} (${entry.url})`));
    }
    return result.figures;
  });
  await part('panel', async () => {
    const result = await measurePanel((await needPackage()).vsix, settings.panelWindows, log);
    details.panel = result.runs;
    return result.figures;
  });
  await part('availability', async () => {
    const { folder, vsix } = await needPackage();
    const heap = await measureAvailabilityHeap(
      { root, extensionFolder: folder, users: 500, people: 500, runs: settings.availabilityHeapRuns, warmups: 1, timeoutMs: settings.extensionHostTimeoutMs },
      log,
    );
    const workbench = await measureAvailability(vsix, { gridRuns: settings.availabilityGridRuns, longTaskRuns: settings.availabilityLongTaskRuns }, log);
    details.availability = { heap: heap.runs, workbench: workbench.runs };
    return [...workbench.figures, ...heap.figures];
  });

  const withTargets = figures.filter((item) => item.target);
  const missed = withTargets.filter((item) => !item.met);
  const results = {
    date: new Date().toISOString(),
    mode: short ? 'short' : 'full',
    machine: about,
    durationSeconds: Math.round((Date.now() - started) / 1000),
    loadAverageAtEnd: os.loadavg().map((load) => load.toFixed(2)).join(' '),
    figures,
    details,
    errors,
  };
  const resultsFile = path.join(root, 'bench', 'results.json');
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');

  log('\n== summary');
  figures.forEach((item) => log(formatFigure(item)));
  log(
    `\nbench: ${figures.length} figures, ${withTargets.length - missed.length} of ${withTargets.length} targets met` +
      (missed.length ? ` (missed: ${missed.map((item) => item.id).join(', ')})` : '') +
      (errors.length ? `; could not measure: ${errors.map((error) => error.part).join(', ')}` : '') +
      `; ${path.relative(root, resultsFile)} in ${results.durationSeconds} s`,
  );
  return errors.length > 0 ? 1 : 0;
}
