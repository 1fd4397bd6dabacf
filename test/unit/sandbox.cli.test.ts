import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { faultFromJson } from '../sandbox/adminApi';
import { startSandbox } from '../sandbox/server';
import type { RecordedRequest } from '../sandbox/server';

const cliPath = path.join(__dirname, '..', 'sandbox', 'cli.js');

describe('sandbox: the command line and the control API', () => {
  it('prints the base URL and tokens, serves, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cliPath, '--port', '0', '--users', '5', '--latency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const deadline = Date.now() + 10_000;
      while (!/Press Ctrl\+C/.test(output)) {
        assert.ok(Date.now() < deadline && child.exitCode === null, `the CLI did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const baseUrl = /Base URL:\s+(\S+)/.exec(output)![1]!;
      const adminToken = /Admin token:\s+(\S+)/.exec(output)![1]!;
      assert.match(output, /Member token:\s+sbx-member-/);
      const response = await fetch(`${baseUrl}/users`, { headers: { authorization: `Bearer ${adminToken}` } });
      assert.equal(((await response.json()) as { count: number }).count, 5);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGKILL');
      }
    }
  });

  it('is steered over HTTP: faults, request log, latency, reset and info', async () => {
    const sandbox = await startSandbox();
    const control = (route: string, init: RequestInit = {}) => fetch(`${sandbox.origin}/__sandbox/${route}`, init);
    const post = (route: string, body?: unknown) =>
      control(route, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const me = () => fetch(`${sandbox.baseUrl}/users/me`, { headers: { authorization: `Bearer ${sandbox.adminToken}` } });
    try {
      const info = (await (await control('info')).json()) as { baseUrl: string; adminToken: string };
      assert.deepEqual([info.baseUrl, info.adminToken], [sandbox.baseUrl, sandbox.adminToken]);

      assert.equal((await post('faults', { kind: 'status', status: 503, pathRegex: '^/users/m.$', times: 'Infinity' })).status, 201);
      assert.equal((await me()).status, 503);
      assert.equal((await me()).status, 503);
      assert.equal((await post('faults', { kind: 'bogus' })).status, 400);

      const log = (await (await control('requests')).json()) as RecordedRequest[];
      assert.deepEqual(log.map((request) => [request.path, request.status]), [
        ['/api/v1/users/me', 503],
        ['/api/v1/users/me', 503],
      ]);
      assert.equal(sandbox.requests.length, 2, 'the control routes are not logged');

      assert.equal((await post('reset')).status, 204);
      assert.equal((await me()).status, 200);
      assert.equal((await post('latency', { ms: 100 })).status, 204);
      const started = performance.now();
      await me();
      assert.ok(performance.now() - started >= 90);
      assert.equal((await post('latency', { ms: -1 })).status, 400);
      assert.deepEqual(await (await control('stats')).json(), { requests: 2, maxConcurrent: 1, held: 0 });
      assert.equal((await post('release')).status, 204);
      assert.equal((await control('requests', { method: 'DELETE' })).status, 204);
      assert.equal(sandbox.requests.length, 0);
      assert.equal((await control('nothing')).status, 404);
    } finally {
      await sandbox.close();
    }
  });

  it('reads a FaultSpec from JSON, with RegExp paths and Infinity', () => {
    const spec = faultFromJson({ kind: 'status', status: 429, pathRegex: '^/users/\\d+$', times: 'Infinity', retryAfterSeconds: 3 });
    assert.ok(spec.path instanceof RegExp && spec.path.test('/users/12'));
    assert.equal(spec.times, Infinity);
    assert.equal(spec.retryAfterSeconds, 3);
    assert.equal(faultFromJson({ kind: 'hang', path: '/users', times: 2 }).path, '/users');
    assert.throws(() => faultFromJson('nope'));
  });
});
