// Runs bench/extensionHost/ (time to full tree, sequential paging, requests, memory) in a real extension host
// through the same runner as the integration tests: @vscode/test-electron's runTests() with
// scripts/codeServerTestShim.js standing in for VS Code (or $VSCODE_EXECUTABLE_PATH), the packaged extension
// as the development extension, and one sandbox process per account size.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AvailabilityHeapRun, BenchSandbox, ExtensionHostBenchConfig, ExtensionHostBenchResults, TimelineEntry } from './extensionHost/protocol';
import { startSandboxProcess, type SandboxProcess } from './sandboxes';
import { figure, Figure, median } from './stats';

export interface ExtensionHostBenchOptions {
  readonly root: string;
  /** The unpacked .vsix (package.json, dist/, media/). */
  readonly extensionFolder: string;
  readonly sizes: readonly number[];
  readonly latencies: readonly number[];
  readonly runs: number;
  readonly warmups: number;
  readonly memoryRuns: number;
  /** CPU profiles of one refresh each, into this folder. */
  readonly profileDir?: string;
  readonly timeoutMs: number;
}

const PAGE_SIZE = 200;
const PAGE_CONCURRENCY = 4;
const BASELINE = { users: 5000, latencyMs: 150 };
const MEMORY_USERS = 10_000;

/** Round trips at best for P pages: the first, then the rest c at a time. */
export function floorRoundTrips(users: number, concurrency = PAGE_CONCURRENCY): number {
  const pages = Math.max(1, Math.ceil(users / PAGE_SIZE));
  return 1 + Math.ceil((pages - 1) / concurrency);
}

const thousands = (value: number) => value.toLocaleString('en-US');

async function runSuite(options: Pick<ExtensionHostBenchOptions, 'root' | 'extensionFolder' | 'timeoutMs'>, config: Omit<ExtensionHostBenchConfig, 'output'>, log: (line: string) => void): Promise<ExtensionHostBenchResults> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-bench-exthost-'));
  const output = path.join(scratch, 'results.json');
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  const shim = path.join(options.root, 'scripts', 'codeServerTestShim.js');
  fs.chmodSync(shim, 0o755); // test-electron spawns it directly, without a shell
  const executable = process.env.VSCODE_EXECUTABLE_PATH || shim;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runTests } = require(path.join(options.root, 'node_modules', '@vscode', 'test-electron')) as typeof import('@vscode/test-electron');
  log(`  extension host: ${executable === shim ? 'code-server (VS Code 1.100.3) through scripts/codeServerTestShim.js' : executable}`);
  try {
    try {
      await runTests({
        vscodeExecutablePath: executable,
        extensionDevelopmentPath: options.extensionFolder,
        extensionTestsPath: path.join(options.root, 'out', 'bench', 'extensionHost', 'index'),
        extensionTestsEnv: { KANTATA_BENCH_CONFIG: JSON.stringify({ ...config, output }), KANTATA_TEST_TIMEOUT_MS: String(options.timeoutMs) },
        launchArgs: [workspace, `--user-data-dir=${path.join(scratch, 'user-data')}`, `--extensions-dir=${path.join(scratch, 'extensions')}`, '--disable-extensions'],
      });
    } catch (error) {
      throw new Error(`the extension-host benchmark failed (${error instanceof Error ? error.message : String(error)}); its output is above`);
    }
    if (!fs.existsSync(output)) {
      throw new Error('the extension-host benchmark wrote no results');
    }
    return JSON.parse(fs.readFileSync(output, 'utf8')) as ExtensionHostBenchResults;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export async function measureInExtensionHost(
  options: ExtensionHostBenchOptions,
  log: (line: string) => void,
): Promise<{ figures: Figure[]; results: ExtensionHostBenchResults }> {
  const sizes = [...new Set([...options.sizes, BASELINE.users, ...(options.memoryRuns > 0 ? [MEMORY_USERS] : [])])].sort((a, b) => a - b);
  const sandboxes: SandboxProcess[] = [];
  let results: ExtensionHostBenchResults;
  try {
    for (const users of sizes) {
      sandboxes.push(await startSandboxProcess(users));
    }
    const config: Omit<ExtensionHostBenchConfig, 'output'> = {
      sandboxes: sandboxes.map(({ users, origin, baseUrl, adminToken }): BenchSandbox => ({ users, origin, baseUrl, adminToken })),
      latencies: [...new Set([...options.latencies, BASELINE.latencyMs])].sort((a, b) => a - b),
      runs: options.runs,
      warmups: options.warmups,
      baseline: BASELINE,
      memory: { users: MEMORY_USERS, runs: options.memoryRuns },
      ...(options.profileDir
        ? { profile: { dir: options.profileDir, cases: [{ users: BASELINE.users, latencyMs: BASELINE.latencyMs }, { users: MEMORY_USERS, latencyMs: 0 }] } }
        : {}),
    };
    results = await runSuite(options, config, log);
  } finally {
    sandboxes.forEach((sandbox) => sandbox.stop());
  }
  return { figures: figuresOf(results), results };
}

/**
 * Where a refresh's time beyond the latency goes, from one refresh's request log (sandbox times): how long the
 * sandbox took per request beyond its added latency (its own work, and waiting behind the others of the same
 * wave: it serves one at a time), and how long the client took from an answer to its next request.
 */
function overheads(timeline: readonly TimelineEntry[], latencyMs: number): { serverMs: number; clientMs: number } | undefined {
  if (timeline.length < 2) {
    return undefined;
  }
  const gaps = timeline.slice(1).flatMap((entry) => {
    const before = timeline.filter((other) => other.endMs <= entry.startMs).map((other) => other.endMs);
    return before.length ? [entry.startMs - Math.max(...before)] : [];
  });
  return { serverMs: median(timeline.map((entry) => entry.endMs - entry.startMs - latencyMs)), clientMs: median(gaps) };
}

function figuresOf(results: ExtensionHostBenchResults): Figure[] {
  const figures: Figure[] = [];
  const split = overheads(results.timeline, BASELINE.latencyMs);
  for (const { users, latencyMs, runs } of results.tree) {
    const isBaseline = users === BASELINE.users && latencyMs === BASELINE.latencyMs;
    const trips = floorRoundTrips(users);
    const roundTripsSeen = [...new Set(runs.map((run) => run.roundTrips))].join('/');
    const childrenMs = median(runs.map((run) => run.childrenMs));
    figures.push(
      figure(`tree.${users}.${latencyMs}`, `time to full tree: ${thousands(users)} users at ${latencyMs} ms`, 'ms', runs.map((run) => run.ms), {
        ...(isBaseline ? { target: { kind: 'max' as const, value: 1200 } } : {}),
        // Without latency the sandbox answers before the next request is even sent: round trips say nothing.
        note:
          `${Math.ceil(users / PAGE_SIZE)} pages` +
          (latencyMs > 0 ? `, ${roundTripsSeen} round trips (floor ${trips}: ${thousands(trips * latencyMs)} ms of latency)` : '') +
          `, ${runs[0]?.groups ?? 0} groups, getChildren ${childrenMs.toFixed(1)} ms` +
          (isBaseline && split
            ? `; per request the sandbox adds ${split.serverMs.toFixed(1)} ms to the latency and the client takes ${split.clientMs.toFixed(1)} ms from an answer to the next request (median, one refresh's log)`
            : ''),
      }),
    );
    if (isBaseline) {
      const floorMs = trips * latencyMs;
      const sandboxMs = median(runs.map((run) => run.sandboxMs));
      figures.push(
        figure(`tree.${users}.${latencyMs}.extension`, `time to full tree, the extension's share: ${thousands(users)} users at ${latencyMs} ms`, 'ms', runs.map((run) => run.ms - run.sandboxMs), {
          target: { kind: 'max' as const, value: Math.round(floorMs * 1.05) },
          note: `the time to full tree less the sandbox's own time beyond the latency on its round trips (median ${sandboxMs.toFixed(1)} ms): what a server answering in exactly ${latencyMs} ms would give; the floor is ${trips} round trips, ${thousands(floorMs)} ms, and the target 5% above it`,
        }),
      );
    }
  }
  const { ours, runs: sequential, users, latencyMs } = results.sequential;
  if (sequential.length > 0) {
    figures.push(
      figure('sequential.ms', `sequential paging: ${thousands(users)} users at ${latencyMs} ms`, 'ms', sequential.map((run) => run.ms), {
        note: `${sequential[0]?.requests} requests, ${sequential[0]?.roundTrips} round trips, one page after another with the extension's own client; same query as the refresh: ${sequential.every((run) => run.sameQuery) ? 'yes' : 'NO'}`,
      }),
    );
    const ratios = sequential.map((run, index) => run.ms / (ours[index]?.ms ?? Number.NaN));
    figures.push(
      figure('sequential.speedup', `speed-up over sequential paging (same runs)`, '×', ratios, {
        target: { kind: 'min', value: 3 },
        note: `each run's sequential time / the full tree time measured just before it; ratio of medians ${(median(sequential.map((run) => run.ms)) / median(ours.map((run) => run.ms))).toFixed(2)}×; the floor allows ${(Math.ceil(users / PAGE_SIZE) / floorRoundTrips(users)).toFixed(2)}×`,
      }),
    );
  }
  for (const size of [...new Set(results.tree.map((entry) => entry.users))]) {
    const runs = results.tree.filter((entry) => entry.users === size).flatMap((entry) => entry.runs);
    const expected = Math.ceil(size / PAGE_SIZE);
    figures.push(
      figure(`requests.${size}`, `requests for one refresh: ${thousands(size)} users`, 'requests', runs.map((run) => run.requests), {
        target: { kind: 'equal', value: expected },
        note: `every refresh of this size, all latencies; GET /users: ${[...new Set(runs.map((run) => run.userListRequests))].join('/')}; roles come included (include=role), no GET /roles; at most ${Math.max(...runs.map((run) => run.maxConcurrent))} in flight`,
      }),
    );
  }
  const memory = results.memory.runs;
  if (memory.length > 0) {
    figures.push(
      figure('memory.heapGrowth', `memory: heap growth, ${thousands(results.memory.users)} users`, 'MB', memory.map((run) => (run.afterBytes - run.beforeBytes) / 1024 / 1024), {
        target: { kind: 'max', value: 40 },
        note: `heapUsed after gc(), signed out → signed in with ${thousands(memory[0]?.users ?? 0)} users loaded and every group's children built; heap before ${(median(memory.map((run) => run.beforeBytes)) / 1024 / 1024).toFixed(0)} MB; gc via ${results.environment.gc}`,
      }),
    );
  }
  return figures;
}

export interface AvailabilityHeapOptions {
  readonly root: string;
  readonly extensionFolder: string;
  /** Visible users of the sandbox, and the people of the grid (the first by name). */
  readonly users: number;
  readonly people: number;
  readonly runs: number;
  readonly warmups: number;
  readonly timeoutMs: number;
}

/** availability.heap.500: the extension host's heap growth with a grid of 500 people × 13 weeks loaded. */
export async function measureAvailabilityHeap(options: AvailabilityHeapOptions, log: (line: string) => void): Promise<{ figures: Figure[]; runs: readonly AvailabilityHeapRun[] }> {
  const sandbox = await startSandboxProcess(options.users);
  let results: ExtensionHostBenchResults;
  try {
    const config: Omit<ExtensionHostBenchConfig, 'output'> = {
      sandboxes: [{ users: sandbox.users, origin: sandbox.origin, baseUrl: sandbox.baseUrl, adminToken: sandbox.adminToken }],
      latencies: [],
      runs: 0,
      warmups: 0,
      baseline: BASELINE,
      memory: { users: options.users, runs: 0 },
      availability: { users: options.users, people: options.people, runs: options.runs, warmups: options.warmups },
    };
    results = await runSuite(options, config, log);
  } finally {
    sandbox.stop();
  }
  const runs = results.availability ?? [];
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    runs,
    figures: [
      figure(`availability.heap.${options.people}`, `availability: extension-host heap growth, ${thousands(options.people)} people`, 'MB', runs.map((run) => mb(run.afterBytes - run.beforeBytes)), {
        target: { kind: 'max', value: 20 },
        note:
          `heapUsed after gc(), signed in to a sandbox of ${thousands(options.users)} users with the list loaded and nothing cached (heap ${mb(median(runs.map((run) => run.beforeBytes))).toFixed(0)} MB) → ` +
          `a grid of ${thousands(options.people)} people × ${runs[0]?.weeks ?? '?'} weeks open with every capacity loaded (${[...new Set(runs.map((run) => run.capacityRequests))].join('/')} requests at 0 ms), after gc(); ` +
          `opened on a real webview panel through the panel manager's restore (the serializer's path: the command asks with a modal above 200 people); ` +
          `page sent the grid: ${runs.every((run) => run.pageReady) ? 'yes' : `${runs.filter((run) => run.pageReady).length} of ${runs.length} runs`}; ${options.warmups} warm-up run(s) not counted; gc via ${results.environment.gc}`,
      }),
    ],
  };
}
