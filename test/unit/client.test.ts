import * as assert from 'node:assert/strict';
import * as http from 'node:http';
// The module object itself (a namespace import is a read-only copy): one test wraps its request().
import nodeHttp from 'node:http';
import { AddressInfo } from 'node:net';
import { KantataClient, KantataClientOptions } from '../../src/kantata/client';
import { KantataError } from '../../src/kantata/errors';
import { KantataLogger } from '../../src/kantata/logger';
import { PROFILE_PHOTO_FIELD } from '../../src/kantata/operations';
import { Sandbox, startSandbox } from '../sandbox/server';
import { validateRequest } from '../support/openapiCheck';
import { rejectsWith } from '../support/kantataErrors';

/** A logger that keeps every line, to prove what is (and is not) logged. */
function recordingLogger(): KantataLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') };
}

const tinyPng = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5' + 'd9c4d50000000049454e44ae426082',
  'hex',
);

describe('KantataClient against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let logger: ReturnType<typeof recordingLogger>;
  const clients: { client: KantataClient; token: string }[] = [];

  function makeClient(overrides: Partial<KantataClientOptions> & { token?: string } = {}): KantataClient {
    const token = overrides.token ?? sandbox.adminToken;
    const client = new KantataClient({
      baseUrl: sandbox.baseUrl,
      getToken: () => Promise.resolve(token),
      version: '9.9.9-test',
      logger,
      retry: { baseDelayMs: 20 },
      ...overrides,
    });
    clients.push({ client, token });
    return client;
  }

  before(async () => {
    sandbox = await startSandbox();
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    logger = recordingLogger();
  });
  afterEach(function () {
    // Every request the client sent must be one the OpenAPI description allows.
    const problems = sandbox.requests.flatMap((request) =>
      validateRequest(request).map((problem) => `${request.method} ${request.path}: ${problem}`),
    );
    assert.deepEqual(problems, [], `requests outside the OpenAPI description in "${this.currentTest?.title}"`);
    // And the token appears in no log line.
    for (const line of logger.lines) {
      assert.ok(!line.includes(sandbox.adminToken) && !line.includes(sandbox.memberToken), `token in log: ${line}`);
    }
  });

  describe('operations', () => {
    it('lists the visible users with roles and optional fields, in server order', async () => {
      const client = makeClient();
      const users = await client.listUsers({ include: ['role'], optionalFields: ['classification', 'country'] });
      assert.ok(users.length > 100, `expected the default ~150 users, got ${users.length}`);
      assert.equal(new Set(users.map((u) => u.id)).size, users.length);
      assert.ok(users.some((u) => u.role?.name));
      assert.ok(users.some((u) => u.roleId === undefined), 'some users have no role');
      assert.ok(users.every((u) => typeof u.id === 'string' && u.fullName.length > 0));
      assert.ok(users.some((u) => u.classification !== undefined));
      const request = sandbox.requests[0]!;
      assert.equal(request.query.per_page, '200');
      assert.equal(request.query.optional_fields, 'classification,country');
      assert.match(request.rawQuery, /optional_fields=classification,country/, 'sent comma-separated, as documented');
      assert.equal(request.headers['user-agent'], 'kantata-teammates-vscode/9.9.9-test');
      assert.equal(request.path, '/api/v1/users', 'no .json suffix');
    });

    it('fetches me, one user with every include, and roles', async () => {
      const client = makeClient();
      const me = await client.me({ include: ['account_membership'] });
      assert.equal(me.id, sandbox.adminUserId);
      assert.equal(me.accountMembership?.permission, 'administrator');
      const users = await client.listUsers({ include: ['manager'] });
      const managed = users.find((u) => u.managerId !== undefined)!;
      const full = await client.getUser(managed.id, {
        include: ['role', 'account_membership', 'manager', 'skills', 'skill_memberships', 'custom_field_values'],
        optionalFields: ['bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'classification'],
      });
      assert.equal(full.id, managed.id);
      assert.equal(full.manager?.id, managed.managerId);
      assert.ok(full.manager?.fullName);
      const roles = await client.listRoles();
      assert.equal(roles.length, 8);
      assert.deepEqual(
        roles.map((r) => r.name),
        [...roles.map((r) => r.name)].sort((a, b) => a.localeCompare(b)),
      );
    });

    it('updates a user with only the changed fields', async () => {
      const client = makeClient();
      const [target] = await client.listUsers({ search: '' });
      const updated = await client.updateUser(target!.id, { headline: 'Chief Tea Officer' });
      assert.equal(updated.headline, 'Chief Tea Officer');
      assert.equal(updated.fullName, target!.fullName);
      const put = sandbox.requests.find((r) => r.method === 'PUT')!;
      assert.deepEqual(put.body, { user: { headline: 'Chief Tea Officer' } });
      assert.equal(put.headers['content-type'], 'application/json');
      assert.equal((await client.getUser(target!.id)).headline, 'Chief Tea Officer');
    });

    it('reads capacity as days in date order', async () => {
      const client = makeClient();
      const capacity = await client.getCapacity(sandbox.adminUserId, '2025-03-03', '2025-03-16');
      assert.equal(capacity.days.length, 14);
      assert.equal(capacity.days[0]!.date, '2025-03-03');
      assert.equal(capacity.days[5]!.hours, 0, 'Saturday');
      assert.equal(capacity.days[6]!.hours, 0, 'Sunday');
      assert.ok(capacity.days[0]!.hours > 0, 'Monday');
    });

    it('keeps only the asked capacity days of an answer claiming two centuries, and logs the mismatch with the request', async () => {
      const hours: Record<string, number> = {};
      for (let year = 1900; year <= 2099; year++) {
        for (let month = 1; month <= 12; month++) {
          for (let day = 1; day <= new Date(Date.UTC(year, month, 0)).getUTCDate(); day++) {
            hours[`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`] = 7.5;
          }
        }
      }
      assert.equal(Object.keys(hours).length, 73_049);
      sandbox.injectFault({ path: /\/capacity$/, kind: 'body', body: { start_date: '1900-01-01', end_date: '2099-12-31', hours } });
      const capacity = await makeClient().getCapacity(sandbox.adminUserId, '2025-03-03', '2025-03-16');
      assert.deepEqual([capacity.startDate, capacity.endDate, capacity.days.length], ['2025-03-03', '2025-03-16', 14]);
      assert.deepEqual([capacity.days[0]?.date, capacity.days[13]?.date], ['2025-03-03', '2025-03-16']);
      assert.deepEqual(
        logger.lines.filter((line) => line.startsWith('warn')),
        [`warn GET /users/${sandbox.adminUserId}/capacity?start_date=2025-03-03&end_date=2025-03-16: the capacity answer covers 1900-01-01 to 2099-12-31 with 73049 dated entries, 73035 of them outside the asked 2025-03-03 to 2025-03-16: only the asked days are kept`],
      );
    });

    it('uploads a photo as multipart and resets it', async () => {
      const client = makeClient();
      const before = await client.me();
      const updated = await client.uploadProfilePhoto(sandbox.adminUserId, {
        fileName: 'me.png',
        contentType: 'image/png',
        data: tinyPng,
      });
      assert.notEqual(updated.photoPath, before.photoPath);
      const upload = sandbox.requests.find((r) => r.method === 'POST')!;
      assert.match(upload.headers['content-type'] ?? '', /^multipart\/form-data; boundary=/);
      const body = upload.body as { files: { field: string; filename: string; contentType: string; size: number }[] };
      assert.deepEqual(body.files, [{ field: PROFILE_PHOTO_FIELD, filename: 'me.png', contentType: 'image/png', size: tinyPng.length }]);
      const served = await fetch(updated.photoPath!);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), tinyPng);

      await client.resetProfilePhoto(sandbox.adminUserId);
      assert.equal(sandbox.requests.at(-1)?.status, 204);
      assert.equal((await client.me()).photoPath, before.photoPath);
    });
  });

  describe('paging', () => {
    const sizes = [1, 200, 201, 10_000];
    for (const size of sizes) {
      it(`returns all ${size} users in ceil(${size}/200) requests, in order`, async () => {
        const big = await startSandbox({ visibleUsers: size, latencyMs: size > 1000 ? 5 : 0 });
        try {
          const client = new KantataClient({ baseUrl: big.baseUrl, getToken: async () => big.adminToken, version: 't', pageConcurrency: 4 });
          const progress: number[] = [];
          const users = await client.listUsers({ include: ['role'] }, { onProgress: (p) => progress.push(p.usersLoaded) });
          assert.equal(users.length, size);
          assert.equal(big.requests.length, Math.ceil(size / 200));
          assert.equal(progress.at(-1), size);
          const pages = big.requests.map((r) => Number(r.query.page)).sort((a, b) => a - b);
          assert.deepEqual(pages, Array.from({ length: Math.ceil(size / 200) }, (_, i) => i + 1));
          // Server order: the same order as one request for everything would give.
          const names = users.map((u) => u.fullName);
          const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
          for (let i = 1; i < names.length; i++) {
            assert.ok(collator.compare(names[i - 1]!, names[i]!) <= 0, `out of order at ${i}: ${names[i - 1]} > ${names[i]}`);
          }
          if (size === 10_000) {
            assert.equal(big.maxConcurrent(), 4, 'pages after the first are fetched four at a time');
          }
        } finally {
          await big.close();
        }
      });
    }

    it('bounds parallelism by the configured concurrency', async () => {
      const big = await startSandbox({ visibleUsers: 2000, latencyMs: 20 });
      try {
        const client = new KantataClient({ baseUrl: big.baseUrl, getToken: async () => big.adminToken, version: 't', pageConcurrency: 2 });
        assert.equal((await client.listUsers()).length, 2000);
        assert.equal(big.maxConcurrent(), 2);
      } finally {
        await big.close();
      }
    });

    it('sends the next page before decoding the answer before it (the slot is freed when the answer is in)', async () => {
      const big = await startSandbox({ visibleUsers: 1000 });
      const events: string[] = [];
      // axios calls the module object's request() for http:// URLs.
      const httpModule = nodeHttp as { request: typeof http.request };
      const original = httpModule.request;
      httpModule.request = function (this: unknown, ...args: Parameters<typeof http.request>) {
        const first = args[0] as unknown;
        const target = typeof first === 'string' || first instanceof URL ? String(first) : String((first as http.RequestOptions).path ?? '');
        events.push(`send ${/[?&]page=(\d+)/.exec(target)?.[1] ?? '?'}`);
        return (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
      } as typeof http.request;
      try {
        const client = new KantataClient({ baseUrl: big.baseUrl, getToken: async () => big.adminToken, version: 't', pageConcurrency: 1 });
        await client.listUsers({}, { onProgress: (p) => events.push(`decoded ${p.pagesLoaded}`) });
      } finally {
        httpModule.request = original;
        await big.close();
      }
      // One at a time: page 1, its decoding; then each answer frees the slot, the next page goes out, and only
      // then is the answer decoded.
      assert.deepEqual(events, ['send 1', 'decoded 1', 'send 2', 'send 3', 'decoded 2', 'send 4', 'decoded 3', 'send 5', 'decoded 4', 'decoded 5']);
      assert.equal(big.maxConcurrent(), 1);
    });

    it('a page that is retried keeps its slot through the back-off: retries never add to the requests in flight', async () => {
      const big = await startSandbox({ visibleUsers: 1000 });
      try {
        const client = new KantataClient({ baseUrl: big.baseUrl, getToken: async () => big.adminToken, version: 't', pageConcurrency: 1, retry: { baseDelayMs: 50 } });
        let injected = false;
        const users = await client.listUsers({}, {
          onProgress: () => {
            if (!injected) {
              injected = true; // page 2, the next request, is answered 503 once
              big.injectFault({ path: '/users', kind: 'status', status: 503, times: 1 });
            }
          },
        });
        assert.equal(users.length, 1000);
        assert.deepEqual(big.requests.map((request) => [Number(request.query.page), request.status]), [[1, 200], [2, 503], [2, 200], [3, 200], [4, 200], [5, 200]]);
        assert.equal(big.maxConcurrent(), 1);
      } finally {
        await big.close();
      }
    });

    it('returns an empty list for an account with no visible teammates', async () => {
      const empty = await startSandbox({ emptyAccount: true });
      try {
        const client = new KantataClient({ baseUrl: empty.baseUrl, getToken: async () => empty.adminToken, version: 't' });
        assert.deepEqual(await client.listUsers(), []);
        assert.equal(empty.requests.length, 1);
      } finally {
        await empty.close();
      }
    });

    it('stops the other pages when one fails, and stops on abort', async () => {
      const big = await startSandbox({ visibleUsers: 2000, latencyMs: 30 });
      try {
        const client = new KantataClient({ baseUrl: big.baseUrl, getToken: async () => big.adminToken, version: 't' });
        // Once the first page is in, every other page is refused.
        const failing = client.listUsers({}, { onProgress: () => big.injectFault({ path: '/users', kind: 'status', status: 403, times: Infinity }) });
        await rejectsWith(failing, 'forbidden');
        assert.ok(big.requests.length < 10, `pages kept loading after a failure: ${big.requests.length}`);

        big.reset();
        const controller = new AbortController();
        const started = Date.now();
        const listing = client.listUsers({}, { signal: controller.signal, onProgress: () => controller.abort() });
        await rejectsWith(listing, 'cancelled');
        assert.ok(Date.now() - started < 2000);
      } finally {
        await big.close();
      }
    });
  });

  describe('errors', () => {
    it('unauthorized: a wrong token, and no token at all', async () => {
      const error = await rejectsWith(makeClient({ token: 'wrong-token' }).me(), 'unauthorized');
      assert.deepEqual([...error.remedies], ['signIn']);
      const signedOut = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => undefined, version: 't' });
      await rejectsWith(signedOut.me(), 'unauthorized');
      assert.equal(sandbox.requests.length, 1, 'no request without a token');
    });

    it('forbidden: a member editing someone else', async () => {
      const member = makeClient({ token: sandbox.memberToken });
      const error = await rejectsWith(member.updateUser(sandbox.adminUserId, { headline: 'x' }), 'forbidden');
      assert.ok(error.userMessage.includes('permission'));
    });

    it('notFound: an unknown user', async () => {
      await rejectsWith(makeClient().getUser('999999999'), 'notFound');
    });

    it('validation: per-field messages for a blank name and a bad email', async () => {
      const error = await rejectsWith(makeClient().updateUser(sandbox.adminUserId, { fullName: ' ', emailAddress: 'nope' }), 'validation');
      const byField = error.messagesByField();
      assert.ok(byField.get('full_name')?.length, 'a message for full_name');
      assert.ok(byField.get('email_address')?.length, 'a message for email_address');
    });

    it('badRequest: a query the server refuses', async () => {
      const client = makeClient();
      const { listUsersPage } = await import('../../src/kantata/operations');
      const op = listUsersPage({}, 1);
      const error = await rejectsWith(client.run({ ...op, query: { ...op.query, order: 'sideways' } }), 'badRequest');
      assert.ok(error.serverMessages.length > 0);
      sandbox.clearRequests(); // the deliberately bad request is not ours to validate
    });

    it('rateLimited: a wait longer than a minute is reported, not waited out', async () => {
      sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 120, times: Infinity });
      const started = Date.now();
      const error = await rejectsWith(makeClient().me(), 'rateLimited');
      assert.equal(error.retryAfterSeconds, 120);
      assert.equal(sandbox.requests.length, 1);
      assert.ok(Date.now() - started < 1000);
    });

    it('server: a 500 is not retried', async () => {
      sandbox.injectFault({ kind: 'status', status: 500, times: Infinity });
      await rejectsWith(makeClient().me(), 'server');
      assert.equal(sandbox.requests.length, 1);
    });

    it('badResponse: malformed JSON, and a base URL that is not Kantata', async () => {
      sandbox.injectFault({ kind: 'malformedJson' });
      const error = await rejectsWith(makeClient().me(), 'badResponse');
      assert.match(error.userMessage, /^Kantata sent a response the extension could not read \(the answer is not valid JSON\)/);

      const site = http.createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Welcome to our intranet</body></html>');
      });
      await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
      try {
        const port = (site.address() as AddressInfo).port;
        const client = makeClient({ baseUrl: `http://127.0.0.1:${port}/api/v1` });
        const notKantata = await rejectsWith(client.me(), 'badResponse');
        assert.ok(notKantata.remedies.includes('openSettings'));
      } finally {
        site.close();
      }
    });

    it('badResponse: an answer nested 100,000 levels deep, wherever the nesting is (not a network error)', async () => {
      const levels = 100_000;
      const arrays = `${'['.repeat(levels)}${']'.repeat(levels)}`;
      const objects = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
      // A well-formed envelope whose one deep part is a custom field's value, which the decoder keeps as text.
      const inCustomField = (deep: string) =>
        `{"count":1,"results":[{"key":"users","id":"1"}],"users":{"1":{"id":"1","full_name":"A","custom_field_value_ids":["5"]}},` +
        `"custom_field_values":{"5":{"id":"5","custom_field_name":"n","display_value":"d","value":${deep}}}}`;
      const client = makeClient();
      for (const body of [arrays, objects, inCustomField(arrays), inCustomField(objects)]) {
        sandbox.reset();
        logger.lines.length = 0;
        sandbox.injectFault({ path: '/users/me', kind: 'body', body, contentType: 'application/json' });
        const error = await rejectsWith(client.me(), 'badResponse');
        assert.match(error.userMessage, /^Kantata sent a response the extension could not read \(response: nested more than \d+ levels deep\)/);
        assert.ok(error.remedies.includes('retry'));
        assert.equal(sandbox.requests.length, 1, 'an answer that cannot be read is not asked for again');
        assert.ok(
          logger.lines.some((line) => /^warn GET \/users\/me: the answer could not be read \(response: nested more than \d+ levels deep\)$/.test(line)),
          `the request is logged with the problem: ${logger.lines.join(' / ')}`,
        );
      }
    });

    it('badResponse: a decoder failing in a way it did not foresee is an answer that could not be read', async () => {
      const { getMe } = await import('../../src/kantata/operations');
      const overflowing = {
        ...getMe(),
        decode: (): never => {
          throw new RangeError('Maximum call stack size exceeded');
        },
      };
      const error = await rejectsWith(makeClient().run(overflowing), 'badResponse');
      assert.match(error.userMessage, /^Kantata sent a response the extension could not read \(the answer has a form the extension does not know\)/);
      assert.ok(logger.lines.some((line) => line.startsWith('error getMe: decoding the answer failed: RangeError: Maximum call stack size exceeded')));
      assert.ok(logger.lines.some((line) => line.startsWith('warn GET /users/me: the answer could not be read')));
    });

    it('server: an HTML error page from a proxy, after the retries', async () => {
      sandbox.injectFault({ kind: 'htmlError', times: Infinity });
      const error = await rejectsWith(makeClient().me(), 'server');
      assert.equal(error.serverMessages.length, 0);
      assert.equal(sandbox.requests.length, 3);
    });

    it('network: a refused connection', async () => {
      const gone = await startSandbox();
      const baseUrl = gone.baseUrl;
      await gone.close();
      const error = await rejectsWith(makeClient({ baseUrl }).me(), 'network');
      assert.match(error.userMessage, /refused/);
    });

    it('timeout: a request that never answers', async () => {
      sandbox.injectFault({ kind: 'hang' });
      const started = Date.now();
      const error = await rejectsWith(makeClient({ timeoutMs: 300 }).me(), 'timeout');
      assert.ok(error.remedies.includes('retry'));
      assert.ok(Date.now() - started < 2000);
    });

    it('cancelled: abort during a request and during a back-off wait', async () => {
      sandbox.injectFault({ kind: 'hang' });
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      let started = Date.now();
      await rejectsWith(makeClient().me(undefined, { signal: controller.signal }), 'cancelled');
      assert.ok(Date.now() - started < 1000);

      sandbox.reset();
      sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 30 });
      const waiting = new AbortController();
      started = Date.now();
      setTimeout(() => waiting.abort(), 200);
      await rejectsWith(makeClient().me(undefined, { signal: waiting.signal }), 'cancelled');
      assert.equal(sandbox.requests.length, 1, 'aborted while waiting, before the second try');
      assert.ok(Date.now() - started < 1500);
    });
  });

  describe('retries', () => {
    it('a read is retried on 502, 503 and 504 and succeeds', async () => {
      sandbox.injectFault({ kind: 'status', status: 503 });
      sandbox.injectFault({ kind: 'status', status: 504 });
      const me = await makeClient().me();
      assert.equal(me.id, sandbox.adminUserId);
      assert.deepEqual(
        sandbox.requests.map((r) => r.status),
        [503, 504, 200],
      );
    });

    it('a read gives up after three tries', async () => {
      sandbox.injectFault({ kind: 'status', status: 502, times: Infinity });
      await rejectsWith(makeClient().me(), 'server');
      assert.equal(sandbox.requests.length, 3);
    });

    it('a read is retried after a reset connection', async () => {
      sandbox.injectFault({ kind: 'reset' });
      await makeClient().me();
      assert.equal(sandbox.requests.length, 2);
    });

    it('a read honours Retry-After', async () => {
      sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 1 });
      const started = Date.now();
      await makeClient().me();
      assert.ok(Date.now() - started >= 950, 'waited the second Kantata asked for');
      assert.equal(sandbox.requests.length, 2);
    });

    it('a 429 without Retry-After backs off and retries', async () => {
      sandbox.injectFault({ kind: 'status', status: 429 });
      await makeClient().me();
      assert.equal(sandbox.requests.length, 2);
    });

    it('writes are retried on 429 only', async () => {
      const client = makeClient();
      sandbox.injectFault({ method: 'PUT', kind: 'status', status: 503 });
      await rejectsWith(client.updateUser(sandbox.adminUserId, { headline: 'a' }), 'server');
      assert.equal(sandbox.requests.length, 1);

      sandbox.reset();
      sandbox.injectFault({ method: 'POST', kind: 'reset' });
      await rejectsWith(client.uploadProfilePhoto(sandbox.adminUserId, { fileName: 'a.png', contentType: 'image/png', data: tinyPng }), 'network');
      assert.equal(sandbox.requests.length, 1);

      sandbox.reset();
      sandbox.injectFault({ method: 'DELETE', kind: 'status', status: 429, retryAfterSeconds: 0 });
      await client.resetProfilePhoto(sandbox.adminUserId);
      assert.equal(sandbox.requests.length, 2);
    });
  });

  describe('the token', () => {
    it('is sent only as a bearer header and appears in no URL, log line or error', async () => {
      const client = makeClient();
      await client.me();
      const request = sandbox.requests[0]!;
      assert.equal(request.headers.authorization, `Bearer ${sandbox.adminToken}`);
      assert.ok(!request.rawQuery.includes(sandbox.adminToken));

      // An error whose server message echoes the token still does not carry it.
      const failures: KantataError[] = [];
      for (const fault of [{ kind: 'hang' as const }, { kind: 'malformedJson' as const }, { kind: 'status' as const, status: 500 }]) {
        sandbox.reset();
        sandbox.injectFault(fault);
        failures.push(await client.me(undefined, { signal: AbortSignal.timeout(200) }).then(() => assert.fail('should fail'), (e: KantataError) => e));
      }
      failures.push(await rejectsWith(makeClient({ token: 'not-the-token' }).me(), 'unauthorized'));
      for (const failure of failures) {
        const text = [failure.message, failure.userMessage, failure.detail ?? '', ...failure.serverMessages, failure.stack ?? ''].join(' ');
        assert.ok(!text.includes(sandbox.adminToken), `token in error ${failure.kind}`);
      }
      assert.ok(logger.lines.length >= 4, 'the requests were logged');
      assert.ok(logger.lines.some((line) => /GET \/users\/me 200 \d+ ms/.test(line)), 'method, path, status, duration');
    });

    it('echoed across the 300-character cut of a server message, no prefix of it survives (redacted, then cut)', async () => {
      const token = sandbox.adminToken;
      assert.ok(token.length >= 16, 'a token long enough for the test to mean something');
      const client = makeClient();
      // The token starting at every place from which part of it, 8 characters or more, would be kept by the cut.
      for (let offset = 299 - token.length; offset <= 299 - 8; offset++) {
        const message = `${'x'.repeat(offset)}${token} and more`;
        sandbox.reset();
        sandbox.injectFault({ path: '/users/me', kind: 'body', status: 403, body: { errors: [{ type: 'system', message }] } });
        sandbox.injectFault({ method: 'PUT', kind: 'body', status: 422, body: { errors: [{ type: 'validation', message, field: 'headline' }] } });
        const failures = [await rejectsWith(client.me(), 'forbidden'), await rejectsWith(client.updateUser(sandbox.adminUserId, { headline: 'x' }), 'validation')];
        const texts = [
          ...failures.flatMap((failure) => [failure.userMessage, failure.detail ?? '', ...failure.serverMessages, ...failure.fieldErrors.map((fieldError) => fieldError.message)]),
          ...logger.lines,
        ];
        assert.ok(failures[0]!.userMessage.includes('x'.repeat(Math.min(offset, 20))), 'the server message is shown');
        for (const text of texts) {
          assert.ok(!text.includes(token.slice(0, 8)), `a token prefix at offset ${offset} in: …${text.slice(-60)}`);
        }
      }
    });

    it('is refused a plain-http base URL that is not on this machine', () => {
      assert.throws(() => makeClient({ baseUrl: 'http://api.mavenlink.com/api/v1' }), /https/);
    });
  });
});
