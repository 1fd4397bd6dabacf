import * as assert from 'node:assert/strict';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { call, singleUser } from '../support/sandboxHttp';

describe('sandbox: request log, concurrency, reset and determinism', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('records method, path as received, query, headers, parsed body and status', async () => {
    await call(sandbox, '/users/me.json?include=role&optional_fields=bio,city&include=manager', { headers: { 'X-Custom': 'yes' } });
    await call(sandbox, `/users/${NOTABLE_USER_IDS.accented}`, { method: 'PUT', body: { user: { headline: 'Logged' } } });
    await call(sandbox, '/nope', { conform: false });
    const [get, put, unknown] = sandbox.requests;
    assert.equal(sandbox.requests.length, 3);
    assert.deepEqual([get!.method, get!.path, get!.status], ['GET', '/api/v1/users/me.json', 200]);
    assert.deepEqual(get!.query, { include: 'manager', optional_fields: 'bio,city' }, 'the last value wins');
    assert.equal(get!.rawQuery, 'include=role&optional_fields=bio,city&include=manager');
    assert.equal(get!.headers.authorization, `Bearer ${sandbox.adminToken}`);
    assert.equal(get!.headers['x-custom'], 'yes', 'header names lower-cased');
    assert.equal(get!.body, undefined);
    assert.deepEqual([put!.method, put!.status, put!.body], ['PUT', 200, { user: { headline: 'Logged' } }]);
    assert.equal(put!.headers['content-type'], 'application/json');
    assert.deepEqual([unknown!.path, unknown!.status], ['/api/v1/nope', 404]);
    assert.ok(get!.id < put!.id && put!.id < unknown!.id);
    for (const request of sandbox.requests) {
      assert.ok(request.finishedAt >= request.startedAt && request.startedAt > 0);
    }
  });

  it('answers unknown routes and wrong methods in the error shape', async () => {
    const unknown = await call(sandbox, '/projects', { conform: false });
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.json, { errors: [{ type: 'system', message: 'No route matches GET /api/v1/projects.' }] });
    const wrong = await call(sandbox, '/users/me', { method: 'DELETE', conform: false });
    assert.equal(wrong.status, 405);
    assert.equal(wrong.headers.get('allow'), 'GET');
    assert.equal((wrong.json as { errors: { type: string }[] }).errors[0]!.type, 'system');
    assert.equal((await fetch(`${sandbox.origin}/elsewhere`)).status, 404);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    const missing = await call(sandbox, '/users/me', { token: null });
    assert.equal(missing.status, 401);
    assert.deepEqual(missing.json, { errors: [{ type: 'oauth', message: 'Missing OAuth access token: send an "Authorization: Bearer <token>" header.' }] });
    const wrong = await call(sandbox, '/users/me', { token: 'not-a-token' });
    assert.deepEqual(wrong.json, { errors: [{ type: 'oauth', message: 'Invalid OAuth access token.' }] });
    const basic = await fetch(`${sandbox.baseUrl}/users/me`, { headers: { authorization: `Basic ${sandbox.adminToken}` } });
    assert.equal(basic.status, 401);
  });

  it('measures the peak number of requests in flight, from the last clear', async () => {
    sandbox.setLatency(80);
    await Promise.all(Array.from({ length: 5 }, () => call(sandbox, '/roles')));
    assert.equal(sandbox.maxConcurrent(), 5);
    const [first, second] = sandbox.requests;
    assert.ok(first!.startedAt < second!.finishedAt && second!.startedAt < first!.finishedAt, 'they overlapped');
    sandbox.clearRequests();
    assert.equal(sandbox.maxConcurrent(), 0);
    assert.equal(sandbox.requests.length, 0);
    await call(sandbox, '/roles');
    await call(sandbox, '/roles');
    assert.equal(sandbox.maxConcurrent(), 1);
  });

  it('reset() brings back the seeded data, no faults, an empty log and the starting latency', async () => {
    await call(sandbox, `/users/${NOTABLE_USER_IDS.accented}`, { method: 'PUT', body: { user: { full_name: 'Changed' } } });
    await call(sandbox, `/users/${NOTABLE_USER_IDS.accented}/profile_photo`, { method: 'DELETE' });
    sandbox.injectFault({ kind: 'status', status: 500, times: Infinity });
    sandbox.setLatency(600_000); // ten minutes: the request below answers before the test's time-out only if reset() dropped it
    sandbox.reset();
    assert.equal(sandbox.requests.length, 0);
    const user = singleUser(await call(sandbox, `/users/${NOTABLE_USER_IDS.accented}`));
    assert.equal(user.full_name, 'José Müller');
    assert.match(user.photo_path, /\/photos\/20003\/1\.png$/);
  });

  it('generates the same data for the same seed, and other data for another', async () => {
    const bodies = async (target: Sandbox) => {
      const texts: string[] = [];
      for (const path of ['/users?per_page=200&include=role,manager,skills,skill_memberships,custom_field_values,account_membership&optional_fields=bio,website,city,state,country,abbreviated_timezone,classification,last_site_activity', '/roles', `/users/${NOTABLE_USER_IDS.partTimer}/capacity?start_date=2025-01-01&end_date=2025-12-31`]) {
        const text = (await call(target, path)).text;
        texts.push(text.split(target.origin).join('ORIGIN')); // photo URLs name the port
      }
      return texts;
    };
    const [a, b, c] = await Promise.all([startSandbox({ seed: 7 }), startSandbox({ seed: 7 }), startSandbox({ seed: 8 })]);
    try {
      const [bodyA, bodyB, bodyC] = await Promise.all([bodies(a), bodies(b), bodies(c)]);
      assert.deepEqual(bodyA, bodyB);
      assert.equal(a.adminToken, b.adminToken);
      assert.notEqual(bodyA[0], bodyC[0]);
      assert.notEqual(a.adminToken, c.adminToken);
      const users = (JSON.parse(bodyC[0]!) as { users: Record<string, { full_name: string }> }).users;
      assert.equal(users[NOTABLE_USER_IDS.accented]?.full_name, 'José Müller', 'notable users keep their ids whatever the seed');
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});
