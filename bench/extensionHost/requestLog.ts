// What a refresh's requests say, from the sandbox's request log (its own clock): how many round trips, how many
// in flight at once, and how much of the wait was the sandbox's own work rather than the latency it was told
// to add. Pure, so the unit tests check it.

export interface LoggedRequest {
  readonly method: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly startedAt: number;
  readonly finishedAt: number;
}

/** Each request's place in the longest chain of requests that each started after the one before was answered. */
function depths(sorted: readonly LoggedRequest[]): number[] {
  const depth: number[] = [];
  sorted.forEach((request, i) => {
    let deepest = 0;
    for (let j = 0; j < i; j++) {
      if ((sorted[j] as LoggedRequest).finishedAt <= request.startedAt) {
        deepest = Math.max(deepest, depth[j] as number);
      }
    }
    depth.push(deepest + 1);
  });
  return depth;
}

/**
 * Round trips: the longest chain of requests in which each started after the one before it had been
 * answered (sandbox times). Four pages in flight at once count once; pages fetched one after another, each.
 */
export function roundTrips(requests: readonly LoggedRequest[]): number {
  return Math.max(0, ...depths([...requests].sort((a, b) => a.startedAt - b.startedAt)));
}

export function maxConcurrent(requests: readonly LoggedRequest[]): number {
  const events = requests.flatMap((request) => [
    { at: request.startedAt, delta: 1 },
    { at: request.finishedAt, delta: -1 },
  ]);
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let open = 0;
  let peak = 0;
  for (const event of events) {
    open += event.delta;
    peak = Math.max(peak, open);
  }
  return peak;
}

/**
 * The sandbox's share of a refresh's time: per round trip, the slowest answer's time beyond the added latency
 * (building and serialising it, and waiting behind the other answers of the same round trip: the sandbox serves
 * one at a time on the cores the extension host also uses), summed over the round trips. What is left of the
 * refresh is what it would take against a server that answers in exactly the latency: the extension's share.
 */
export function sandboxShareMs(requests: readonly LoggedRequest[], latencyMs: number): number {
  const sorted = [...requests].sort((a, b) => a.startedAt - b.startedAt);
  const slowestBeyondLatency = new Map<number, number>();
  depths(sorted).forEach((depth, i) => {
    const request = sorted[i] as LoggedRequest;
    const beyond = Math.max(0, request.finishedAt - request.startedAt - latencyMs);
    slowestBeyondLatency.set(depth, Math.max(slowestBeyondLatency.get(depth) ?? 0, beyond));
  });
  return [...slowestBeyondLatency.values()].reduce((sum, ms) => sum + ms, 0);
}
