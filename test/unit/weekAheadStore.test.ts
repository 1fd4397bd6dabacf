import * as assert from 'node:assert/strict';
import { availabilityRange } from '../../src/capacity/availability';
import { CapacityCache } from '../../src/capacity/capacityCache';
import { WeekAheadStore } from '../../src/capacity/weekAheadStore';
import { KantataClient } from '../../src/kantata/client';
import { Sandbox, startSandbox } from '../sandbox/server';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';

describe('WeekAheadStore against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: KantataClient;
  let userIds: string[];
  let today: string;
  let cache: CapacityCache;
  let store: WeekAheadStore;
  let heard: string[];

  before(async () => {
    sandbox = await startSandbox({ visibleUsers: 30 });
    client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: () => Promise.resolve(sandbox.adminToken), version: 'test', retry: { baseDelayMs: 10 } });
    userIds = (await client.listUsers()).slice(0, 5).map((user) => user.id);
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.clearRequests();
    today = '2026-12-03';
    cache = new CapacityCache();
    store = new WeekAheadStore({ cache, concurrency: () => 2, today: () => today });
    heard = [];
    store.onDidChange((ids) => heard.push(...ids));
  });

  const account = () => ({ accountId: 'a', fetcher: client });
  const capacityRequests = () => sandbox.requests.filter((request) => /\/users\/\d+\/capacity$/.test(request.path));

  it('asks once per person for the grid default range, and tells listeners as each answer comes', async () => {
    await store.request(account(), [...userIds, userIds[0] as string]);
    assert.equal(capacityRequests().length, 5);
    assert.ok(capacityRequests().every((request) => request.query.start_date === '2026-12-03' && request.query.end_date === '2026-12-13'));
    for (const userId of userIds) {
      const state = store.get('a', userId);
      assert.equal(state?.kind, 'known');
      assert.match(state.kind === 'known' ? state.weekAhead.text : '', WEEK_AHEAD_TEXT);
    }
    assert.deepEqual(new Set(heard), new Set(userIds), 'each person was announced (loading, then known)');
    await store.request(account(), userIds);
    assert.equal(capacityRequests().length, 5, 'known people are not asked again');
  });

  it('uses an answer the grid already has without a request', async () => {
    const userId = userIds[0] as string;
    await cache.fetch('a', client, userId, availabilityRange('next6Weeks', today));
    sandbox.clearRequests();
    await store.request(account(), [userId]);
    assert.equal(capacityRequests().length, 0);
    assert.equal(store.get('a', userId)?.kind, 'known');
  });

  it('keeps a failure per person and asks again on the next request', async () => {
    const [failing, fine] = userIds as [string, string];
    sandbox.injectFault({ path: `/users/${failing}/capacity`, kind: 'status', status: 403 });
    await store.request(account(), [failing, fine]);
    assert.equal(store.get('a', failing)?.kind, 'failed');
    assert.equal(store.get('a', fine)?.kind, 'known');
    await store.request(account(), [failing, fine]);
    assert.equal(store.get('a', failing)?.kind, 'known');
    assert.equal(capacityRequests().filter((request) => request.path.includes(`/${failing}/`)).length, 2);
  });

  it('an abort leaves the people unknown, so a later request asks again', async () => {
    sandbox.injectFault({ path: /\/capacity$/, kind: 'hold', times: 2 });
    const controller = new AbortController();
    const pending = store.request(account(), userIds.slice(0, 2), controller.signal);
    while (sandbox.heldCount < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    assert.equal(store.get('a', userIds[0] as string)?.kind, 'loading');
    controller.abort();
    await pending;
    assert.equal(store.get('a', userIds[0] as string), undefined);
    await store.request(account(), userIds.slice(0, 2));
    assert.equal(store.get('a', userIds[0] as string)?.kind, 'known');
  });

  it('starts afresh on a new day, for another account, and after clear()', async () => {
    const userId = userIds[0] as string;
    await store.request(account(), [userId]);
    today = '2026-12-04';
    assert.equal(store.get('a', userId), undefined);
    assert.equal(store.get('b', userId), undefined);
    await store.request(account(), [userId]);
    assert.equal(store.get('a', userId)?.kind, 'known');
    assert.equal(capacityRequests().length, 1, "tomorrow's range lies inside today's answer: the capacity cache serves it");
    heard = [];
    store.clear();
    assert.equal(store.get('a', userId), undefined);
    assert.deepEqual(heard, [userId, userId]);
  });
});
