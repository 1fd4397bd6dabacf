import * as assert from 'node:assert/strict';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { validateErrorBody } from '../support/openapiCheck';
import { call, errorsOf, singleUser } from '../support/sandboxHttp';

/** Polls a state of the sandbox (held requests arrive asynchronously). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 500) {
      throw new Error('timed out waiting for the sandbox');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The error code somewhere in a fetch failure's cause chain (undici wraps socket errors). */
function causeCode(error: unknown): string {
  let current: unknown = error;
  const codes: string[] = [];
  while (typeof current === 'object' && current !== null) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    codes.push(typeof code === 'string' ? code : String(message));
    current = (current as { cause?: unknown }).cause;
  }
  return codes.join(' / ');
}

describe('sandbox: injected faults', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const me = (token?: string | null) => call(sandbox, '/users/me', { token, conform: false });

  it('latency: delays the matching request, which then proceeds normally', async () => {
    sandbox.injectFault({ kind: 'latency', latencyMs: 150, path: '/users/me' });
    const started = performance.now();
    singleUser(await me());
    assert.ok(performance.now() - started >= 140);
    // Only once by default: the next fault for /users/me is the one that answers, not the used latency.
    sandbox.injectFault({ kind: 'status', status: 503, path: '/users/me' });
    errorsOf(await me(), 503);
  });

  for (const status of [401, 403, 429, 500, 502, 503, 504]) {
    it(`status ${status}: in the documented error shape`, async () => {
      sandbox.injectFault({ kind: 'status', status });
      const result = await me();
      const errors = errorsOf(result, status);
      assert.equal(errors[0]!.type, status === 401 ? 'oauth' : 'system');
      assert.deepEqual(validateErrorBody(result.json), []);
      assert.match(result.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(result.headers.get('retry-after'), null);
      assert.equal((await me()).status, 200, 'then back to normal');
    });
  }

  it('status 429 with and without Retry-After', async () => {
    sandbox.injectFault({ kind: 'status', status: 429, retryAfterSeconds: 7 });
    sandbox.injectFault({ kind: 'status', status: 429 });
    const first = await me();
    assert.equal(first.status, 429);
    assert.equal(first.headers.get('retry-after'), '7');
    const second = await me();
    assert.equal(second.status, 429);
    assert.equal(second.headers.get('retry-after'), null);
  });

  it('malformedJson: a 200 JSON response that does not parse', async () => {
    sandbox.injectFault({ kind: 'malformedJson' });
    const response = await fetch(`${sandbox.baseUrl}/users/me`, { headers: { authorization: `Bearer ${sandbox.adminToken}` } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const text = await response.text();
    assert.throws(() => JSON.parse(text) as unknown, SyntaxError);
  });

  it('htmlError: a proxy error page in HTML, 502 by default or the status given', async () => {
    sandbox.injectFault({ kind: 'htmlError' });
    sandbox.injectFault({ kind: 'htmlError', status: 504 });
    for (const status of [502, 504]) {
      const result = await me();
      assert.equal(result.status, status);
      assert.match(result.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(result.text, /<html>[\s\S]*Gateway/);
      assert.equal(result.json, undefined);
    }
  });

  it('reset: the connection is dropped without an answer', async () => {
    sandbox.injectFault({ kind: 'reset' });
    await assert.rejects(fetch(`${sandbox.baseUrl}/users/me`, { headers: { authorization: `Bearer ${sandbox.adminToken}` } }), (error: unknown) => {
      assert.match(causeCode(error), /ECONNRESET|UND_ERR_SOCKET|other side closed|socket hang up/i);
      return true;
    });
    assert.equal(sandbox.requests[0]!.status, 0);
    assert.equal((await me()).status, 200);
  });

  it('hang: never answers, the client times out, and close() still finishes at once', async () => {
    const hanging = await startSandbox();
    hanging.injectFault({ kind: 'hang', times: Infinity });
    await assert.rejects(
      fetch(`${hanging.baseUrl}/users/me`, { headers: { authorization: `Bearer ${hanging.adminToken}` }, signal: AbortSignal.timeout(300) }),
      (error: unknown) => (error as Error).name === 'TimeoutError',
    );
    // A second hung request is still open when the sandbox closes.
    const pending = fetch(`${hanging.baseUrl}/users`, { headers: { authorization: `Bearer ${hanging.adminToken}` } }).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await hanging.close(); // would wait for ever on the hung requests if it did not drop them

    assert.ok((await pending) instanceof Error, 'the open request fails once the server is gone');
    assert.deepEqual(hanging.requests.map((request) => request.status), [0, 0]);
  });

  it('hold: the request waits for releaseHeld(), then answers normally or with the given status', async () => {
    sandbox.injectFault({ kind: 'hold', path: '/users/me' });
    sandbox.injectFault({ kind: 'hold', path: '/users/me', status: 401 });
    const first = me();
    const second = me();
    await waitUntil(() => sandbox.heldCount === 2);
    assert.deepEqual(sandbox.requests.map((request) => request.status), [0, 0], 'answered before the release');
    sandbox.releaseHeld();
    assert.deepEqual([(await first).status, (await second).status].sort(), [200, 401]);
    assert.equal(sandbox.heldCount, 0);
    assert.throws(() => sandbox.injectFault({ kind: 'hold', status: 418 }), /status among/);
  });

  it('matches by method and by path (string or RegExp), for N requests or forever', async () => {
    sandbox.injectFault({ kind: 'status', status: 503, method: 'PUT' });
    sandbox.injectFault({ kind: 'status', status: 500, path: '/roles', times: 2 });
    sandbox.injectFault({ kind: 'status', status: 502, path: /^\/users\/\d+\/capacity$/, times: Infinity });
    assert.equal((await me()).status, 200);
    assert.equal((await call(sandbox, '/roles.json', { conform: false })).status, 500, 'the .json suffix is not part of the matched path');
    assert.equal((await call(sandbox, '/roles', { conform: false })).status, 500);
    assert.equal((await call(sandbox, '/roles')).status, 200);
    for (let i = 0; i < 3; i++) {
      assert.equal((await call(sandbox, `/users/${sandbox.adminUserId}/capacity?start_date=2025-01-01&end_date=2025-01-02`, { conform: false })).status, 502);
    }
    assert.equal((await call(sandbox, `/users/${sandbox.adminUserId}`, { method: 'PUT', body: { user: {} }, conform: false })).status, 503);
    assert.equal((await call(sandbox, `/users/${sandbox.adminUserId}`, { method: 'PUT', body: { user: {} } })).status, 200);
  });

  it('applies faults first in, first out, and before authentication', async () => {
    sandbox.injectFault({ kind: 'status', status: 503 });
    sandbox.injectFault({ kind: 'status', status: 504 });
    assert.equal((await me(null)).status, 503, 'no token, yet the fault answers');
    assert.equal((await me('wrong')).status, 504);
    assert.equal((await me(null)).status, 401);
    assert.deepEqual(sandbox.requests.map((request) => request.status), [503, 504, 401]);
  });

  it('refuses a fault spec that cannot work', () => {
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 418 }), /status one of/);
    assert.throws(() => sandbox.injectFault({ kind: 'latency' }), /latencyMs/);
    assert.throws(() => sandbox.injectFault({ kind: 'status', status: 500, times: 0 }), /times/);
  });

  it('adds latency to every request with setLatency, until reset()', async () => {
    sandbox.setLatency(120);
    const started = performance.now();
    await me();
    assert.ok(performance.now() - started >= 110);
    sandbox.setLatency(600_000); // ten minutes: the request below answers before the test's time-out only if reset() dropped it
    sandbox.reset();
    singleUser(await me());
  });
});
