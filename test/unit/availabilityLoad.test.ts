import * as assert from 'node:assert/strict';
import { AvailabilityLoad, AvailabilityProgress } from '../../src/capacity/availabilityLoad';
import { CapacityCache, CapacityFetcher } from '../../src/capacity/capacityCache';
import { KantataClient } from '../../src/kantata/client';
import { isKantataError } from '../../src/kantata/errors';
import { RequestSlots, yieldToEventLoop } from '../../src/kantata/requestSlots';
import type { Capacity } from '../../src/kantata/types';
import { Sandbox, startSandbox } from '../sandbox/server';

const RANGE = { start: '2026-12-03', end: '2027-01-10' };

function capacity(start: string, end: string, hours = 8): Capacity {
  const days = [];
  for (let day = new Date(`${start}T00:00:00Z`); day.toISOString().slice(0, 10) <= end; day.setUTCDate(day.getUTCDate() + 1)) {
    days.push({ date: day.toISOString().slice(0, 10), hours });
  }
  return { startDate: start, endDate: end, days };
}

/** A fetcher that counts its calls and answers from a table, or fails for the ids in `failing`. */
function countingFetcher(failing: ReadonlySet<string> = new Set()): CapacityFetcher & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    getCapacity: async (id, start, end) => {
      calls.push(`${id} ${start} ${end}`);
      await yieldToEventLoop();
      if (failing.has(id)) {
        throw new Error(`no capacity for ${id}`);
      }
      return capacity(start, end, Number(id) % 9);
    },
  };
}

describe('CapacityCache', () => {
  it('answers the same range, and a range inside a cached one cut to it, without asking again', async () => {
    const cache = new CapacityCache();
    const fetcher = countingFetcher();
    const whole = await cache.fetch('a', fetcher, '7', RANGE);
    assert.equal(whole.days.length, 39);
    const again = await cache.fetch('a', fetcher, '7', RANGE);
    assert.equal(again, whole);
    const inner = await cache.fetch('a', fetcher, '7', { start: '2026-12-07', end: '2026-12-13' });
    assert.deepEqual(inner.days.map((day) => day.date), ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13']);
    assert.equal(inner.startDate, '2026-12-07');
    assert.equal(fetcher.calls.length, 1);
  });

  it('asks for a range reaching outside what it has, for another person, and in another account', async () => {
    const cache = new CapacityCache();
    const fetcher = countingFetcher();
    await cache.fetch('a', fetcher, '7', RANGE);
    await cache.fetch('a', fetcher, '7', { start: '2026-12-01', end: '2026-12-10' });
    await cache.fetch('a', fetcher, '8', RANGE);
    await cache.fetch('b', fetcher, '7', RANGE);
    assert.equal(fetcher.calls.length, 4);
  });

  it('fresh asks again and replaces the answers the new one covers', async () => {
    const cache = new CapacityCache();
    const fetcher = countingFetcher();
    await cache.fetch('a', fetcher, '7', { start: '2026-12-07', end: '2026-12-13' });
    await cache.fetch('a', fetcher, '7', RANGE, { fresh: true });
    assert.equal(cache.answerCount, 1, 'the smaller answer is covered by the new one');
    await cache.fetch('a', fetcher, '7', RANGE, { fresh: true });
    assert.equal(fetcher.calls.length, 3);
    assert.equal(cache.answerCount, 1);
  });

  it('keeps nothing of a failed request', async () => {
    const cache = new CapacityCache();
    const fetcher = countingFetcher(new Set(['5']));
    await assert.rejects(cache.fetch('a', fetcher, '5', RANGE), /no capacity for 5/);
    assert.equal(cache.lookup('a', '5', RANGE), undefined);
    assert.equal(cache.answerCount, 0);
  });

  it('drops the least recently used answers beyond its limit', async () => {
    const cache = new CapacityCache(3);
    const fetcher = countingFetcher();
    for (const id of ['1', '2', '3']) {
      await cache.fetch('a', fetcher, id, RANGE);
    }
    assert.ok(cache.lookup('a', '1', RANGE), 'used again: now the most recent');
    await cache.fetch('a', fetcher, '4', RANGE);
    assert.equal(cache.answerCount, 3);
    assert.ok(cache.lookup('a', '1', RANGE));
    assert.equal(cache.lookup('a', '2', RANGE), undefined, 'the least recently used went first');
  });
});

describe('RequestSlots.pause', () => {
  it('holds back every request not yet sent until the pause is over, then grants the slots in turn', async () => {
    const slots = new RequestSlots(2);
    slots.pause(80);
    const started = Date.now();
    const granted: number[] = [];
    const waits = [1, 2, 3].map((n) => slots.acquire().then(() => void granted.push(n)));
    await yieldToEventLoop();
    assert.deepEqual(granted, [], 'nothing goes out during a pause');
    await Promise.all(waits.slice(0, 2));
    assert.ok(Date.now() - started >= 75, 'granted before the pause ended');
    slots.release();
    await waits[2];
    assert.deepEqual([...granted.slice(0, 2)].sort(), [1, 2], 'the two slots went to the first two');
    assert.equal(granted[2], 3);
  });

  it('a request cancelled during a pause gives its slot back', async () => {
    const slots = new RequestSlots(1);
    slots.pause(60_000);
    const controller = new AbortController();
    const waiting = slots.acquire(controller.signal);
    controller.abort();
    await assert.rejects(waiting, (error: unknown) => isKantataError(error) && error.kind === 'cancelled');
    // The slot is free again: once the pause is lifted a new request gets it at once.
    (slots as unknown as { pausedUntil: number }).pausedUntil = 0;
    await slots.acquire();
  });
});

describe('AvailabilityLoad against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: KantataClient;
  let userIds: string[];

  before(async () => {
    sandbox = await startSandbox({ visibleUsers: 30 });
    client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: () => Promise.resolve(sandbox.adminToken), version: 'test', retry: { baseDelayMs: 10 } });
    const users = await client.listUsers();
    userIds = users.slice(0, 20).map((user) => user.id);
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  function run(ids: readonly string[], options: { cache?: CapacityCache; concurrency?: number; fresh?: boolean } = {}) {
    const answered: string[] = [];
    const failed = new Map<string, unknown>();
    const progress: AvailabilityProgress[] = [];
    const waiting: ((progress: AvailabilityProgress) => void)[] = [];
    /** The next progress report with nothing left running. */
    const nextFinish = () => new Promise<AvailabilityProgress>((resolve) => waiting.push(resolve));
    const finished = nextFinish();
    const load = new AvailabilityLoad(
      ids,
      { accountId: 'a', fetcher: client, cache: options.cache ?? new CapacityCache(), range: RANGE, concurrency: options.concurrency ?? 6, fresh: options.fresh },
      {
        onAnswers: (answers) => answers.forEach(({ userId }) => answered.push(userId)),
        onFailure: (userId, error) => failed.set(userId, error),
        onProgress: (value) => {
          progress.push(value);
          if (value.finished) {
            waiting.splice(0).forEach((resolve) => resolve(value));
          }
        },
      },
    );
    load.start();
    return { load, answered, failed, progress, finished, nextFinish };
  }

  const capacityRequests = () => sandbox.requests.filter((request) => /\/users\/\d+\/capacity$/.test(request.path));

  it('asks once per person for the whole range, never more than the limit at once', async () => {
    sandbox.setLatency(30);
    const { answered, finished } = run(userIds, { concurrency: 4 });
    const last = await finished;
    assert.deepEqual(last, { done: 20, failed: 0, total: 20, finished: true, cancelled: false });
    assert.deepEqual([...answered].sort(), [...userIds].sort());
    const requests = capacityRequests();
    assert.equal(requests.length, 20);
    assert.ok(requests.every((request) => request.query.start_date === RANGE.start && request.query.end_date === RANGE.end));
    assert.equal(sandbox.maxConcurrent(), 4, 'four in flight at the busiest moment, never more');
  });

  it('serves cached answers first, without a request, and asks only for the others', async () => {
    const cache = new CapacityCache();
    await run(userIds.slice(0, 15), { cache }).finished;
    sandbox.clearRequests();
    const second = run(userIds, { cache });
    assert.deepEqual(second.answered, userIds.slice(0, 15), 'the cached answers come at once, before any request');
    await second.finished;
    assert.equal(capacityRequests().length, 5);
    sandbox.clearRequests();
    await run(userIds, { cache, fresh: true }).finished;
    assert.equal(capacityRequests().length, 20, 'Refresh asks for everyone again');
  });

  it('a failing person gets their own failure; the others load, and a retry asks for that person only', async () => {
    const failing = userIds[3] as string;
    sandbox.injectFault({ path: `/users/${failing}/capacity`, kind: 'status', status: 403 });
    const { load, answered, failed, finished, nextFinish } = run(userIds);
    assert.deepEqual(await finished, { done: 20, failed: 1, total: 20, finished: true, cancelled: false });
    assert.deepEqual([...failed.keys()], [failing]);
    assert.ok(isKantataError(failed.get(failing)) && (failed.get(failing) as { kind: string }).kind === 'forbidden');
    assert.equal(answered.length, 19);
    assert.deepEqual(load.unanswered, [failing]);
    sandbox.clearRequests();
    const again = nextFinish();
    load.retry(load.unanswered);
    assert.deepEqual(await again, { done: 20, failed: 0, total: 20, finished: true, cancelled: false });
    assert.deepEqual(capacityRequests().map((request) => request.path), [`/api/v1/users/${failing}/capacity`]);
  });

  it('cancel stops the requests in flight and the queued ones; those people are marked cancelled', async () => {
    sandbox.injectFault({ path: /\/capacity$/, kind: 'hold', times: Infinity });
    const { load, finished } = run(userIds, { concurrency: 3 });
    while (sandbox.heldCount < 3) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    load.cancel();
    assert.deepEqual(await finished, { done: 0, failed: 0, total: 20, finished: true, cancelled: true });
    await load.whenIdle();
    assert.equal(capacityRequests().length, 3, 'nothing was asked after Cancel');
    assert.equal(load.unanswered.length, 20);
  });

  it('a 429 holds back the other requests until its Retry-After has passed', async () => {
    // The client says when it has read the 429 (its "Retrying … in 1000 ms" line); only then is the other
    // lane's request let go, so its next request is one the pause must hold back.
    let retrying: () => void = () => undefined;
    const sawRetry = new Promise<void>((resolve) => (retrying = resolve));
    const logging = new KantataClient({
      baseUrl: sandbox.baseUrl,
      getToken: () => Promise.resolve(sandbox.adminToken),
      version: 'test',
      logger: { debug: () => undefined, warn: () => undefined, error: () => undefined, info: (line) => /^Retrying GET .* in 1000 ms/.test(line) && retrying() },
    });
    const [throttledId, heldId] = userIds as [string, string];
    sandbox.injectFault({ path: `/users/${throttledId}/capacity`, kind: 'status', status: 429, retryAfterSeconds: 1 });
    sandbox.injectFault({ path: `/users/${heldId}/capacity`, kind: 'hold' });
    const load = new AvailabilityLoad(userIds.slice(0, 6), { accountId: 'a', fetcher: logging, cache: new CapacityCache(), range: RANGE, concurrency: 2 }, {
      onAnswers: () => undefined,
      onFailure: (userId, error) => assert.fail(`${userId} failed: ${String(error)}`),
      onProgress: () => undefined,
    });
    load.start();
    await sawRetry;
    const pausedAt = performance.now();
    sandbox.releaseHeld();
    await load.whenIdle();
    logging.dispose();
    assert.equal(load.progress.done, 6);
    const later = capacityRequests().filter((request) => request.startedAt > pausedAt);
    assert.equal(later.length, 5, 'the throttled person again, and the four not yet asked');
    const throttled = capacityRequests().find((request) => request.status === 429);
    assert.ok(throttled);
    const early = later.filter((request) => request.startedAt < throttled.finishedAt + 1000);
    assert.deepEqual(early.map((request) => request.path), [], 'requests went out while Kantata asked to wait');
  });
});
