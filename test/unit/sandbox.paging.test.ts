import * as assert from 'node:assert/strict';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { allUsers, call, envelopeOf, matches } from '../support/sandboxHttp';

const collator = new Intl.Collator('en', { sensitivity: 'base' });

function assertAlphabetical(names: readonly string[]): void {
  for (let i = 1; i < names.length; i++) {
    assert.ok(collator.compare(names[i - 1]!, names[i]!) <= 0, `out of order at ${i}: ${names[i - 1]} > ${names[i]}`);
  }
}

describe('sandbox: paging', () => {
  for (const size of [1, 200, 201]) {
    it(`returns exactly ${size} users by default, over ceil(${size}/200) pages of 200`, async () => {
      const sandbox = await startSandbox({ visibleUsers: size });
      try {
        const first = envelopeOf(await call(sandbox, '/users?per_page=200'));
        assert.equal(first.count, size);
        assert.deepEqual(first.meta, { count: size, page_count: Math.ceil(size / 200), page_number: 1, page_size: 200 });
        const users = await allUsers(sandbox);
        assert.equal(users.length, size);
        assert.equal(new Set(users.map((user) => user.id)).size, size, 'no user on two pages');
        assertAlphabetical(users.map((user) => user.full_name));
        // Hidden users come on top: disabled ones and members in no project.
        assert.ok(envelopeOf(await call(sandbox, '/users?show_disabled=true')).count > size);
        assert.ok(envelopeOf(await call(sandbox, '/users?on_my_account=true&show_disabled=true')).count > 0);
      } finally {
        await sandbox.close();
      }
    });
  }

  describe('with 10,000 users', function () {
    this.timeout(30_000);
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox({ visibleUsers: 10_000 });
    });
    after(() => sandbox.close());

    it('reads all 50 pages of 200: unique, in order, nothing missing', async () => {
      const users = await allUsers(sandbox, 'include=role');
      assert.equal(users.length, 10_000);
      assert.equal(new Set(users.map((user) => user.id)).size, 10_000);
      assertAlphabetical(users.map((user) => user.full_name));
    });

    it('serves a page of 200 with include=role quickly', async () => {
      const times: number[] = [];
      for (let page = 1; page <= 15; page++) {
        await call(sandbox, `/users?per_page=200&page=${page * 3}&include=role`, { conform: false });
        const request = sandbox.requests.at(-1)!;
        times.push(request.finishedAt - request.startedAt);
      }
      const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
      assert.ok(median < 20, `median server time ${median.toFixed(1)} ms`);
    });

    it('pages in descending order as the exact reverse', async () => {
      const ascending = matches(envelopeOf(await call(sandbox, '/users?per_page=200&page=50'))).map((user) => user.id);
      const descending = matches(envelopeOf(await call(sandbox, '/users?per_page=200&page=1&order=alphabetical:desc'))).map((user) => user.id);
      assert.deepEqual(descending, [...ascending].reverse());
    });
  });

  describe('parameters', () => {
    let sandbox: Sandbox;
    before(async () => {
      sandbox = await startSandbox();
    });
    after(() => sandbox.close());

    it('defaults to page 1 of 20', async () => {
      const body = envelopeOf(await call(sandbox, '/users'));
      assert.deepEqual(body.meta, { count: 140, page_count: 7, page_number: 1, page_size: 20 });
    });

    it('clamps per_page to 200, as documented', async () => {
      const body = envelopeOf(await call(sandbox, '/users?per_page=500', { conform: false }));
      assert.equal(body.meta.page_size, 200);
      assert.equal(body.results.length, 140);
    });

    it('answers a page past the end with no results and the same count', async () => {
      const body = envelopeOf(await call(sandbox, '/users?page=99'));
      assert.equal(body.results.length, 0);
      assert.equal(body.count, 140);
      assert.deepEqual(body.meta, { count: 140, page_count: 7, page_number: 99, page_size: 20 });
    });

    it('lets limit and offset override page and per_page', async () => {
      const reference = matches(envelopeOf(await call(sandbox, '/users?per_page=200'))).map((user) => user.id);
      const body = envelopeOf(await call(sandbox, '/users?limit=7&offset=30&page=5&per_page=3', { conform: false }));
      assert.deepEqual(matches(body).map((user) => user.id), reference.slice(30, 37));
      assert.deepEqual(body.meta, { count: 140, page_count: 20, page_number: 5, page_size: 7 });
      const onlyOffset = envelopeOf(await call(sandbox, '/users?offset=135', { conform: false }));
      assert.deepEqual(matches(onlyOffset).map((user) => user.id), reference.slice(135));
    });

    it('pages the roles the same way', async () => {
      const body = envelopeOf(await call(sandbox, '/roles?per_page=3&page=3'));
      assert.deepEqual(body.meta, { count: 8, page_count: 3, page_number: 3, page_size: 3 });
      assert.equal(body.results.length, 2);
    });

    it('refuses a page or per_page that is not a positive integer', async () => {
      for (const query of ['page=0', 'page=two', 'per_page=0', 'per_page=-5', 'limit=0', 'offset=-1']) {
        const result = await call(sandbox, `/users?${query}`, { conform: false });
        assert.equal(result.status, 400, query);
      }
    });
  });

  it('an empty account lists no one, while /users/me still works', async () => {
    const sandbox = await startSandbox({ emptyAccount: true });
    try {
      const body = envelopeOf(await call(sandbox, '/users'));
      assert.equal(body.count, 0);
      assert.deepEqual(body.meta, { count: 0, page_count: 0, page_number: 1, page_size: 20 });
      assert.equal(envelopeOf(await call(sandbox, '/users/me')).results[0]!.id, sandbox.adminUserId);
      assert.ok(envelopeOf(await call(sandbox, '/users?on_my_account=true')).count > 0, 'the account still has members');
    } finally {
      await sandbox.close();
    }
  });
});
