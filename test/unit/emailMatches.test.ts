import * as assert from 'node:assert/strict';
import { EmailMatches, type EmailLookup } from '../../src/filePeople/emailMatches';
import { KantataClient } from '../../src/kantata/client';
import type { User } from '../../src/kantata/types';
import { generateDataset } from '../sandbox/data';
import { startSandbox, type Sandbox } from '../sandbox/server';

const user = (id: string, emailAddress: string) => ({ id, fullName: `User ${id}`, emailAddress }) as User;

/** A lookup that matches exactly (as the sandbox does) and records what it was asked. */
function exactLookup(users: readonly User[]): EmailLookup & { calls: string[][] } {
  const calls: string[][] = [];
  const lookup = (addresses: readonly string[]) => {
    calls.push([...addresses]);
    return Promise.resolve(users.filter((candidate) => addresses.includes(candidate.emailAddress)));
  };
  return Object.assign(lookup, { calls });
}

describe('EmailMatches: addresses to Kantata users, once per address per account', () => {
  const ann = user('1', 'ann@x.example');
  const bob = user('2', 'Bob@X.example');

  it('asks once for the unknown addresses, as written and lower-cased, and matches without case', async () => {
    const lookup = exactLookup([ann, bob]);
    const matches = new EmailMatches();
    const found = await matches.match('acct', ['ANN@x.example', 'Bob@X.example', 'nobody@x.example'], lookup);
    assert.deepEqual(lookup.calls, [['ANN@x.example', 'ann@x.example', 'Bob@X.example', 'bob@x.example', 'nobody@x.example']]);
    assert.deepEqual([...found].map(([key, match]) => [key, match.id]), [['ann@x.example', '1'], ['bob@x.example', '2']]);
  });

  it('remembers matches and non-matches: the same people again cost nothing, a new one only themself', async () => {
    const lookup = exactLookup([ann, bob]);
    const matches = new EmailMatches();
    await matches.match('acct', ['ann@x.example', 'nobody@x.example'], lookup);
    const again = await matches.match('acct', ['Ann@X.example', 'nobody@x.example'], lookup);
    assert.deepEqual([...again.keys()], ['ann@x.example']);
    assert.equal(lookup.calls.length, 1);
    await matches.match('acct', ['ann@x.example', 'bob@x.example'], lookup);
    assert.deepEqual(lookup.calls[1], ['bob@x.example']);
    await matches.match('other', ['ann@x.example'], lookup);
    assert.equal(lookup.calls.length, 3, 'another account asks for itself');
    matches.clear();
    await matches.match('acct', ['ann@x.example'], lookup);
    assert.equal(lookup.calls.length, 4, 'cleared');
  });

  it('no addresses, no request; a failed lookup remembers nothing', async () => {
    const lookup = exactLookup([ann]);
    const matches = new EmailMatches();
    assert.equal((await matches.match('acct', [], lookup)).size, 0);
    assert.equal(lookup.calls.length, 0);
    const failing: EmailLookup = () => Promise.reject(new Error('503'));
    await assert.rejects(matches.match('acct', ['ann@x.example'], failing), /503/);
    assert.equal((await matches.match('acct', ['ann@x.example'], lookup)).get('ann@x.example')?.id, '1');
    assert.equal(lookup.calls.length, 1);
  });

  it('shares a lookup in flight; a caller that gives up stops waiting, and the answer is kept', async () => {
    let answer: (users: readonly User[]) => void = () => undefined;
    const calls: string[][] = [];
    const slow: EmailLookup = (addresses) => {
      calls.push([...addresses]);
      return new Promise((resolve) => (answer = resolve));
    };
    const matches = new EmailMatches();
    const controller = new AbortController();
    const first = matches.match('acct', ['ann@x.example', 'bob@x.example'], slow, controller.signal);
    const second = matches.match('acct', ['ann@x.example'], slow);
    controller.abort();
    await assert.rejects(first, (error: unknown) => (error as { kind?: string }).kind === 'cancelled');
    answer([ann]);
    assert.equal((await second).get('ann@x.example')?.id, '1');
    const third = await matches.match('acct', ['bob@x.example', 'ann@x.example'], slow);
    assert.equal(third.size, 1);
    assert.deepEqual(calls, [['ann@x.example', 'bob@x.example']], 'one lookup for all three callers');
  });

  it('a lookup answered after clear() keeps nothing', async () => {
    let answer: (users: readonly User[]) => void = () => undefined;
    const matches = new EmailMatches();
    const pending = matches.match('acct', ['ann@x.example'], () => new Promise((resolve) => (answer = resolve)));
    matches.clear();
    answer([ann]);
    await pending;
    const lookup = exactLookup([]);
    assert.equal((await matches.match('acct', ['ann@x.example'], lookup)).size, 0);
    assert.equal(lookup.calls.length, 1);
  });

  describe('through the client, against the sandbox', function () {
    this.timeout(30_000);
    let sandbox: Sandbox;
    let client: KantataClient;
    before(async () => {
      sandbox = await startSandbox();
      client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: () => Promise.resolve(sandbox.adminToken), version: '9.9.9-test' });
    });
    after(async () => {
      client.dispose();
      await sandbox.close();
    });
    beforeEach(() => sandbox.reset());

    it('many authors: batches of at most 200 addresses, every address asked once, everyone visible found in another case', async () => {
      const visible = generateDataset().users.filter((candidate) => !candidate.disabled && candidate.projectIds.length > 0);
      const addresses = [...visible.map((candidate) => candidate.email_address.toUpperCase()), ...Array.from({ length: 60 }, (_, index) => `nobody${index}@elsewhere.example`)];
      const lookup: EmailLookup = (sent) => client.listUsersByEmailAddresses(sent);
      const matches = new EmailMatches();
      const found = await matches.match('acct', addresses, lookup);
      assert.equal(found.size, visible.length);
      const requests = sandbox.requests.filter((request) => request.path === '/api/v1/users');
      const sent = requests.map((request) => request.query.by_email_addresses?.split(',') ?? []);
      // Each visible address in two forms, the unknown ones (already lower-case) once.
      assert.equal(sent.flat().length, visible.length * 2 + 60);
      assert.equal(new Set(sent.flat()).size, sent.flat().length);
      assert.ok(sent.every((batch) => batch.length <= 200));
      assert.equal(requests.length, Math.ceil((visible.length * 2 + 60) / 200));
      sandbox.clearRequests();
      await matches.match('acct', addresses, lookup);
      assert.equal(sandbox.requests.length, 0, 'all known now');
    });
  });
});
