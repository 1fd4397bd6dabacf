// The extension-host benchmark: loaded by the workbench's extension host (test-electron style, like
// test/integration/index.ts) with the packaged extension as the development extension; run() measures and
// writes ExtensionHostBenchResults to the file named in $KANTATA_BENCH_CONFIG. Started by
// bench/extensionHostBench.ts, against sandboxes running as processes of their own.
//
// - time to full tree: `teammates.refresh()` called → it resolved (every page loaded) → the tree provider's
//   getChildren() answered for the root and every group. The Teammates view itself stays hidden (the
//   workbench shows the Explorer), so VS Code asks for no rows and no photos meanwhile.
// - sequential paging: the extension's own client and operations, `client.run(listUsersPage(query, n))` for
//   n = 1, 2, … one after another (as Kantata's Ruby client pages), interleaved with our runs.
// - requests and round trips: the sandbox's request log of each refresh.
// - memory: heapUsed after forced garbage collection, signed out (no users held) → signed in again with every
//   user loaded and the tree asked for every group's children. The extension host is not started with
//   --expose-gc: `v8.setFlagsFromString('--expose-gc')` and then `vm.runInNewContext('gc')` hand over V8's gc().
// - Team Availability's heap (config.availability, alone): heapUsed after GC, signed in with every user loaded
//   and no capacity cached → with a grid of 500 people × 13 weeks open and loaded, after GC. Above 200 people
//   the command asks with a modal that nothing here can answer, so the grid is opened the way VS Code brings
//   one back after a reload: a real webview panel of the grid's type handed to the extension's panel manager
//   (`api.availability.restore(panel, state)`, the serializer's path), with the people and preset the page
//   would have saved. The panel, its load, the capacity cache and the page (which loads in the workbench's
//   browser and is sent the grid when it says ready) are the same as the command's.
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import type { TokenPrompt } from '../../src/accounts/tokenInputBox';
import { listUsersPage } from '../../src/kantata/operations';
import type { GridProgress } from '../../src/availability/protocol';
import { initialsOf } from '../../src/profile/profileData';
import { AVAILABILITY_WEBVIEW_TYPE } from '../../src/shared/ids';
import type { AvailabilityPanelProbe, KantataTestApi } from '../../src/testApi';
import { teammatesQuery } from '../../src/teammates/teammatesStore';
import { activateExtension } from '../../test/integration/support/extensionUnderTest';
import { sandboxControl } from '../sandboxControl';
import { type LoggedRequest, maxConcurrent, roundTrips, sandboxShareMs } from './requestLog';
import type {
  AvailabilityHeapRun,
  BenchSandbox,
  ExtensionHostBenchConfig,
  ExtensionHostBenchResults,
  MemoryRun,
  ProfileSummary,
  RefreshRun,
  SequentialRun,
  TimelineEntry,
} from './protocol';


function log(message: string): void {
  console.log(`[bench] ${message}`);
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const setLatency = (sandbox: BenchSandbox, ms: number) => sandboxControl(sandbox, 'POST', 'latency', { ms });
const clearRequests = (sandbox: BenchSandbox) => sandboxControl(sandbox, 'DELETE', 'requests');
const requestLog = async (sandbox: BenchSandbox) => (await sandboxControl(sandbox, 'GET', 'requests')) as LoggedRequest[];
const isUserList = (request: LoggedRequest) => request.method === 'GET' && /\/users(\.json)?$/.test(request.path);


/** V8's gc() without --expose-gc on the command line; undefined if this Node refuses. */
function exposeGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Points the extension at `sandbox` and signs in through the real command, the token typed by a script. */
async function signIn(api: KantataTestApi, sandbox: BenchSandbox): Promise<void> {
  if (api.session.baseUrl !== sandbox.baseUrl) {
    await vscode.workspace.getConfiguration().update('kantata.baseUrl', sandbox.baseUrl, vscode.ConfigurationTarget.Global);
    await waitFor(() => api.session.baseUrl === sandbox.baseUrl, 'the base URL to apply');
  }
  await api.session.whenRestored();
  if (!api.session.isSignedIn) {
    const prompt: TokenPrompt = {
      ask: async (check) => {
        const result = await check(sandbox.adminToken, new AbortController().signal);
        if (!result.ok) {
          throw new Error(`the sandbox refused its admin token: ${result.message}`);
        }
        return result.user;
      },
    };
    api.setTokenPrompt(prompt);
    try {
      if ((await vscode.commands.executeCommand('kantata.signIn')) !== true) {
        throw new Error(`signing in to ${sandbox.baseUrl} failed`);
      }
    } finally {
      api.setTokenPrompt(undefined);
    }
  }
  // Whatever the sign-in started: let it finish, so the next refresh is the only one in flight.
  await waitFor(() => !api.teammates.isLoading, 'the first load after signing in');
}

/** Every group's children (the root's, ungrouped): what the view needs to show any part of the tree. */
function askForEveryGroup(api: KantataTestApi): { groups: number; nodes: number } {
  const tree = api.teammatesTree;
  let groups = 0;
  let nodes = 0;
  for (const node of tree.roots()) {
    nodes++;
    if (node.kind === 'group') {
      groups++;
      nodes += tree.children(node).length;
    }
  }
  return { groups, nodes };
}

async function timedRefresh(api: KantataTestApi): Promise<{ ms: number; childrenMs: number; users: number; groups: number }> {
  let finished = 0;
  const listener = api.teammates.onDidFinishLoad(() => finished++);
  const started = performance.now();
  try {
    await api.teammates.refresh();
  } finally {
    listener.dispose();
  }
  const loaded = performance.now();
  const { groups } = askForEveryGroup(api);
  const ended = performance.now();
  if (finished !== 1 || api.teammates.error) {
    throw new Error(`the refresh did not complete: ${api.teammates.error?.userMessage ?? 'superseded'}`);
  }
  return { ms: ended - started, childrenMs: ended - loaded, users: api.teammates.users?.length ?? 0, groups };
}

async function measuredRefresh(api: KantataTestApi, sandbox: BenchSandbox, latencyMs: number): Promise<{ run: RefreshRun; requests: LoggedRequest[] }> {
  await clearRequests(sandbox);
  const timing = await timedRefresh(api);
  const requests = await requestLog(sandbox);
  const run: RefreshRun = {
    ...timing,
    requests: requests.length,
    userListRequests: requests.filter(isUserList).length,
    roundTrips: roundTrips(requests),
    maxConcurrent: maxConcurrent(requests),
    sandboxMs: sandboxShareMs(requests, latencyMs),
  };
  if (run.users !== sandbox.users) {
    throw new Error(`a refresh against the ${sandbox.users}-user sandbox listed ${run.users} users`);
  }
  return { run, requests };
}

/** Every page of the same listing, one request after another, with the extension's own client. */
async function sequentialPaging(api: KantataTestApi, sandbox: BenchSandbox, refreshQuery: string): Promise<SequentialRun> {
  const client = api.session.current?.client;
  if (!client) {
    throw new Error("not signed in");
  }
  const query = teammatesQuery();
  await clearRequests(sandbox);
  const started = performance.now();
  const first = await client.run(listUsersPage(query, 1));
  let users = first.items.length;
  for (let page = 2; page <= first.pageCount; page++) {
    users += (await client.run(listUsersPage(query, page))).items.length;
  }
  const ms = performance.now() - started;
  const requests = await requestLog(sandbox);
  if (users !== sandbox.users) {
    throw new Error(`sequential paging listed ${users} users, not ${sandbox.users}`);
  }
  const firstQuery = requests.find((request) => isUserList(request) && /(^|&)page=1(&|$)/.test(request.rawQuery))?.rawQuery;
  return { ms, requests: requests.length, roundTrips: roundTrips(requests), sameQuery: firstQuery === refreshQuery };
}

function timeline(requests: readonly LoggedRequest[]): TimelineEntry[] {
  const origin = Math.min(...requests.map((request) => request.startedAt));
  return requests
    .filter(isUserList)
    .map((request) => ({
      page: Number(/(?:^|&)page=(\d+)/.exec(request.rawQuery)?.[1] ?? 0),
      startMs: Math.round((request.startedAt - origin) * 10) / 10,
      endMs: Math.round((request.finishedAt - origin) * 10) / 10,
    }))
    .sort((a, b) => a.startMs - b.startMs);
}

async function collectGarbage(gc: () => void): Promise<void> {
  for (let i = 0; i < 4; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function measureMemory(api: KantataTestApi, sandbox: BenchSandbox, runs: number, gc: () => void): Promise<MemoryRun[]> {
  const results: MemoryRun[] = [];
  await setLatency(sandbox, 0);
  for (let run = 0; run < runs; run++) {
    await signIn(api, sandbox);
    await api.session.signOut();
    await waitFor(() => api.teammates.users === undefined && !api.teammates.isLoading, 'the list to clear after signing out');
    await collectGarbage(gc);
    const beforeBytes = process.memoryUsage().heapUsed;
    let finished = 0;
    const listener = api.teammates.onDidFinishLoad(() => finished++);
    try {
      await signIn(api, sandbox);
      await waitFor(() => finished > 0 && !api.teammates.isLoading, 'the list to load after signing in');
    } finally {
      listener.dispose();
    }
    askForEveryGroup(api);
    await collectGarbage(gc);
    const afterBytes = process.memoryUsage().heapUsed;
    results.push({ beforeBytes, afterBytes, users: api.teammates.users?.length ?? 0 });
    log(`memory ${run + 1}/${runs}: ${((afterBytes - beforeBytes) / 1024 / 1024).toFixed(1)} MB for ${api.teammates.users?.length ?? 0} users`);
  }
  return results;
}

/** Team Availability's grid of `people` people × 13 weeks, opened on a real panel as after a reload; resolves when it has loaded. */
async function openGrid(api: KantataTestApi, people: number): Promise<{ probe: AvailabilityPanelProbe; progress: GridProgress; loadMs: number; pageReady: boolean; weeks: number }> {
  const users = [...(api.teammates.users ?? [])].sort((a, b) => a.fullName.localeCompare(b.fullName)).slice(0, people);
  if (users.length < people) {
    throw new Error(`only ${users.length} users to show, not ${people}`);
  }
  const state = { title: 'Everyone', preset: 'next13Weeks', people: users.map((user) => ({ id: user.id, name: user.fullName, role: user.role?.name, initials: initialsOf(user.fullName) })) };
  let finished: Promise<GridProgress> | undefined;
  let pageDone = false;
  let weeks = 0;
  const opened = api.availability.onDidOpen((probe) => {
    finished = new Promise((resolve) => probe.onDidFinishLoading(resolve));
    probe.onDidPostMessage((message) => {
      weeks = message.type === 'grid' ? message.weeks.length : weeks;
      pageDone ||= message.type === 'progress' && message.progress.finished;
    });
  });
  const started = performance.now();
  const panel = vscode.window.createWebviewPanel(AVAILABILITY_WEBVIEW_TYPE, 'Availability: Everyone', vscode.ViewColumn.One, { enableScripts: true, enableFindWidget: true });
  const probe = api.availability.restore(panel, state);
  opened.dispose();
  if (!probe || !finished) {
    throw new Error('the grid\'s state was refused');
  }
  const progress = await finished;
  const loadMs = performance.now() - started;
  // The page loads in the workbench's browser meanwhile; what it is sent is part of what a grid costs.
  await waitFor(() => pageDone, 'the page to be sent the finished grid', 30_000).catch(() => undefined);
  return { probe, progress, loadMs, pageReady: pageDone, weeks };
}

async function measureAvailabilityHeap(api: KantataTestApi, sandbox: BenchSandbox, options: NonNullable<ExtensionHostBenchConfig['availability']>, gc: () => void): Promise<AvailabilityHeapRun[]> {
  const results: AvailabilityHeapRun[] = [];
  await setLatency(sandbox, 0);
  for (let run = 0; run < options.warmups + options.runs; run++) {
    // A new account session: the capacity cache is cleared, the previous grid closed with its account.
    await api.session.signOut();
    await signIn(api, sandbox);
    await waitFor(() => api.teammates.users !== undefined && !api.teammates.isLoading, 'the list to load after signing in');
    await collectGarbage(gc);
    const beforeBytes = process.memoryUsage().heapUsed;
    await clearRequests(sandbox);
    const { probe, progress, loadMs, pageReady, weeks } = await openGrid(api, options.people);
    const capacityRequests = (await requestLog(sandbox)).filter((request) => /\/capacity(\.json)?$/.test(request.path)).length;
    await collectGarbage(gc);
    const afterBytes = process.memoryUsage().heapUsed;
    probe.panel.dispose();
    if (progress.done - progress.failed !== options.people) {
      throw new Error(`the grid loaded ${progress.done - progress.failed} of ${options.people} people (${progress.failed} failed)`);
    }
    const growth = ((afterBytes - beforeBytes) / 1024 / 1024).toFixed(1);
    const warmup = run < options.warmups;
    log(`availability heap ${warmup ? 'warm-up' : `${run - options.warmups + 1}/${options.runs}`}: ${growth} MB for ${options.people} people × ${weeks} weeks (${capacityRequests} requests, loaded in ${loadMs.toFixed(0)} ms, page ${pageReady ? 'sent the grid' : 'never ready'})`);
    if (!warmup) {
      results.push({ beforeBytes, afterBytes, people: options.people, weeks, capacityRequests, loadMs, pageReady });
    }
  }
  return results;
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result as T))));
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** A CPU profile (.cpuprofile, for Chrome DevTools or VS Code) of one refresh, and its top self times. */
async function profileRefresh(api: KantataTestApi, sandbox: BenchSandbox, latencyMs: number, dir: string): Promise<ProfileSummary> {
  await setLatency(sandbox, latencyMs);
  const session = new inspector.Session();
  session.connect();
  try {
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
    await post(session, 'Profiler.start');
    // Starting the profiler walks the whole heap's code (hundreds of ms in an extension host): only the
    // samples between these two marks count (V8 stamps samples with the same monotonic clock, in µs).
    const from = Number(process.hrtime.bigint() / 1000n);
    const { ms } = await timedRefresh(api);
    const to = Number(process.hrtime.bigint() / 1000n);
    const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `refresh-${sandbox.users}-users-${latencyMs}ms.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    const self = new Map<number, number>();
    let at = profile.startTime;
    (profile.samples ?? []).forEach((id, index) => {
      const delta = profile.timeDeltas?.[index] ?? 0;
      at += delta;
      if (at >= from && at <= to) {
        self.set(id, (self.get(id) ?? 0) + delta);
      }
    });
    const byFunction = new Map<string, { fn: string; url: string; selfMs: number }>();
    let cpuMs = 0;
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const micros = self.get(node.id) ?? 0;
      if (functionName === '(idle)' || functionName === '(program)' || micros === 0) {
        continue;
      }
      cpuMs += micros / 1000;
      const key = `${functionName}@${url}:${lineNumber}`;
      const entry = byFunction.get(key) ?? { fn: functionName || '(anonymous)', url: `${path.basename(url)}:${lineNumber + 1}`, selfMs: 0 };
      entry.selfMs += micros / 1000;
      byFunction.set(key, entry);
    }
    const top = [...byFunction.values()].sort((a, b) => b.selfMs - a.selfMs).slice(0, 15).map((entry) => ({ ...entry, selfMs: Math.round(entry.selfMs * 10) / 10 }));
    return { users: sandbox.users, latencyMs, file, wallMs: ms, cpuMs: Math.round(cpuMs), top };
  } finally {
    await post(session, 'Profiler.disable').catch(() => undefined);
    session.disconnect();
  }
}

/** Team Availability's heap alone (config.availability): written as the suite's results. */
async function availabilityOnly(api: KantataTestApi, config: ExtensionHostBenchConfig, gc: () => void): Promise<Omit<ExtensionHostBenchResults, 'environment'>> {
  const wanted = config.availability as NonNullable<ExtensionHostBenchConfig['availability']>;
  const sandbox = config.sandboxes.find((candidate) => candidate.users === wanted.users);
  if (!sandbox) {
    throw new Error(`no sandbox of ${wanted.users} users for the availability heap`);
  }
  const availability = await measureAvailabilityHeap(api, sandbox, wanted, gc);
  return { tree: [], sequential: { ...config.baseline, ours: [], runs: [] }, memory: { users: config.memory.users, runs: [] }, timeline: [], profiles: [], availability };
}

/** Time to full tree per size and latency, sequential paging at the baseline, profiles, memory. */
async function treeFigures(api: KantataTestApi, config: ExtensionHostBenchConfig, gc: () => void): Promise<Omit<ExtensionHostBenchResults, 'environment'>> {
  const tree: { users: number; latencyMs: number; runs: RefreshRun[] }[] = [];
  const baselineOurs: RefreshRun[] = [];
  const sequential: SequentialRun[] = [];
  let sampleTimeline: TimelineEntry[] = [];
  const profiles: ProfileSummary[] = [];

  for (const sandbox of [...config.sandboxes].sort((a, b) => a.users - b.users)) {
    await setLatency(sandbox, 0);
    await signIn(api, sandbox);
    for (const latencyMs of config.latencies) {
      await setLatency(sandbox, latencyMs);
      const isBaseline = sandbox.users === config.baseline.users && latencyMs === config.baseline.latencyMs;
      const runs: RefreshRun[] = [];
      for (let i = 0; i < config.warmups + config.runs; i++) {
        const { run, requests } = await measuredRefresh(api, sandbox, latencyMs);
        if (i < config.warmups) {
          continue;
        }
        runs.push(run);
        if (isBaseline) {
          baselineOurs.push(run);
          sampleTimeline = timeline(requests);
          const refreshQuery = requests.find((request) => isUserList(request) && /(^|&)page=1(&|$)/.test(request.rawQuery))?.rawQuery ?? '';
          sequential.push(await sequentialPaging(api, sandbox, refreshQuery));
          log(`${sandbox.users} users at ${latencyMs} ms: ours ${run.ms.toFixed(0)} ms, sequential ${(sequential.at(-1) as SequentialRun).ms.toFixed(0)} ms`);
        }
      }
      const sorted = runs.map((run) => run.ms).sort((a, b) => a - b);
      log(`${sandbox.users} users at ${latencyMs} ms: median ${(sorted[Math.floor(sorted.length / 2)] ?? NaN).toFixed(0)} ms, ${runs[0]?.requests} requests, ${runs[0]?.roundTrips} round trips`);
      tree.push({ users: sandbox.users, latencyMs, runs });
    }
    for (const wanted of config.profile?.cases ?? []) {
      if (wanted.users === sandbox.users && config.profile) {
        profiles.push(await profileRefresh(api, sandbox, wanted.latencyMs, config.profile.dir));
      }
    }
    await setLatency(sandbox, 0);
  }

  const memorySandbox = config.sandboxes.find((sandbox) => sandbox.users === config.memory.users);
  const memory = memorySandbox && config.memory.runs > 0 ? await measureMemory(api, memorySandbox, config.memory.runs, gc) : [];
  return { tree, sequential: { ...config.baseline, ours: baselineOurs, runs: sequential }, memory: { users: config.memory.users, runs: memory }, timeline: sampleTimeline, profiles };
}

export async function run(): Promise<void> {
  const config = JSON.parse(process.env.KANTATA_BENCH_CONFIG ?? 'null') as ExtensionHostBenchConfig | null;
  if (!config) {
    throw new Error('KANTATA_BENCH_CONFIG is not set: start this suite with npm run bench');
  }
  const gc = exposeGc();
  if (!gc) {
    throw new Error('could not get V8\'s gc() in this extension host (v8.setFlagsFromString("--expose-gc") + vm.runInNewContext("gc"))');
  }
  const api = await activateExtension();
  const environment = { node: process.version, vscode: vscode.version, appName: vscode.env.appName, gc: 'v8.setFlagsFromString("--expose-gc") + vm.runInNewContext("gc")' };
  const measured = config.availability ? await availabilityOnly(api, config, gc) : await treeFigures(api, config, gc);
  fs.mkdirSync(path.dirname(config.output), { recursive: true });
  fs.writeFileSync(config.output, JSON.stringify({ environment, ...measured } satisfies ExtensionHostBenchResults, null, 2));
  // Leave the profile signed out and on the default server, as a test run would.
  await api.session.signOut().catch(() => undefined);
}
