// What bench/extensionHostBench.ts hands the extension-host suite (as JSON in $KANTATA_BENCH_CONFIG) and what
// the suite writes back (to the file named there). No `vscode` import: both sides use it.

export interface BenchSandbox {
  readonly users: number;
  readonly origin: string;
  readonly baseUrl: string;
  readonly adminToken: string;
}

export interface ExtensionHostBenchConfig {
  readonly sandboxes: readonly BenchSandbox[];
  /** Added per request by the sandbox for the time-to-full-tree runs. */
  readonly latencies: readonly number[];
  /** Measured runs per size and latency (after `warmups` unmeasured ones). */
  readonly runs: number;
  readonly warmups: number;
  /** The sequential-paging comparison: these users at this latency, `runs` times, interleaved with ours. */
  readonly baseline: { readonly users: number; readonly latencyMs: number };
  readonly memory: { readonly users: number; readonly runs: number };
  /** Also record a CPU profile of one refresh per entry (users at latency) into `profileDir`. */
  readonly profile?: { readonly dir: string; readonly cases: readonly { users: number; latencyMs: number }[] };
  /**
   * Team Availability's heap growth (bench/availability.ts): a grid of `people` of the sandbox with `users`,
   * `runs` times after `warmups`. When set, the suite measures only this.
   */
  readonly availability?: { readonly users: number; readonly people: number; readonly runs: number; readonly warmups: number };
  /** Where the suite writes its ExtensionHostBenchResults. */
  readonly output: string;
}

/** One API request as the sandbox logged it, times relative to the refresh's first request. */
export interface TimelineEntry {
  readonly page: number;
  readonly startMs: number;
  readonly endMs: number;
}

export interface RefreshRun {
  /** refresh() called → the load complete and getChildren answered for the root and every group. */
  readonly ms: number;
  /** Of that, the part after refresh() resolved: getChildren for the root and every group. */
  readonly childrenMs: number;
  readonly users: number;
  readonly groups: number;
  /** API requests the sandbox received for this refresh, and how many of them were GET /users. */
  readonly requests: number;
  readonly userListRequests: number;
  /** The longest chain of requests each started after the previous one finished (see roundTrips()). */
  readonly roundTrips: number;
  readonly maxConcurrent: number;
  /** The sandbox's own time on the refresh's round trips, beyond the added latency (see sandboxShareMs()). */
  readonly sandboxMs: number;
}

export interface SequentialRun {
  readonly ms: number;
  readonly requests: number;
  readonly roundTrips: number;
  /** The query of page 1 equals the one the refresh sent: the same users, includes and fields. */
  readonly sameQuery: boolean;
}

export interface MemoryRun {
  /** process.memoryUsage().heapUsed after GC, signed out (no users held). */
  readonly beforeBytes: number;
  /** The same after signing in, loading every user and asking the tree for every group's children. */
  readonly afterBytes: number;
  readonly users: number;
}

export interface AvailabilityHeapRun {
  /** process.memoryUsage().heapUsed after GC, signed in with every user loaded, no grid open, no capacity cached. */
  readonly beforeBytes: number;
  /** The same with the grid open and every person's capacity loaded (and sent to the page when it was ready). */
  readonly afterBytes: number;
  readonly people: number;
  readonly weeks: number;
  readonly capacityRequests: number;
  /** Panel opened → its load finished. */
  readonly loadMs: number;
  /** The page said ready and was sent the finished grid (false: the webview never loaded in this workbench). */
  readonly pageReady: boolean;
}

export interface ProfileSummary {
  readonly users: number;
  readonly latencyMs: number;
  readonly file: string;
  readonly wallMs: number;
  /** Sampled CPU time, and the functions with the most self time. */
  readonly cpuMs: number;
  readonly top: readonly { readonly fn: string; readonly url: string; readonly selfMs: number }[];
}

export interface ExtensionHostBenchResults {
  readonly environment: { readonly node: string; readonly vscode: string; readonly appName: string; readonly gc: string };
  readonly tree: readonly { readonly users: number; readonly latencyMs: number; readonly runs: readonly RefreshRun[] }[];
  readonly sequential: { readonly users: number; readonly latencyMs: number; readonly ours: readonly RefreshRun[]; readonly runs: readonly SequentialRun[] };
  readonly memory: { readonly users: number; readonly runs: readonly MemoryRun[] };
  /** The requests of one refresh of the baseline size and latency, for the README. */
  readonly timeline: readonly TimelineEntry[];
  readonly profiles: readonly ProfileSummary[];
  readonly availability?: readonly AvailabilityHeapRun[];
}
