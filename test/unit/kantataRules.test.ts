import * as assert from 'node:assert/strict';
import { parseBaseUrl } from '../../src/kantata/baseUrl';
import { asKantataError, KantataError } from '../../src/kantata/errors';
import { errorFromResponse, errorFromTransport } from '../../src/kantata/httpErrors';
import { buildUrl } from '../../src/kantata/httpTransport';
import { describeRequestTarget, redact } from '../../src/kantata/logger';
import * as ops from '../../src/kantata/operations';
import { defaultRetryOptions, parseRetryAfter, retryDelayMs, sleep } from '../../src/kantata/retryPolicy';

const host = 'api.example.com';
const kantataBody = (message: string, field?: string) => JSON.stringify({ errors: [{ type: 'system', message, field }] });

describe('base URL', () => {
  it('accepts https anywhere and http only on loopback, without a trailing slash', () => {
    assert.equal(parseBaseUrl('https://api.mavenlink.com/api/v1/').href, 'https://api.mavenlink.com/api/v1');
    assert.equal(parseBaseUrl(' http://127.0.0.1:4010/api/v1 ').host, '127.0.0.1:4010');
    assert.equal(parseBaseUrl('http://localhost:9/api/v1').href, 'http://localhost:9/api/v1');
    assert.equal(parseBaseUrl('http://[::1]:9/api/v1').host, '[::1]:9');
  });
  for (const bad of ['http://api.mavenlink.com/api/v1', 'ftp://x/y', 'not a url', 'https://u:p@x.com/api', 'https://x.com/api?a=1']) {
    it(`refuses ${bad} with a way to the settings`, () => {
      assert.throws(
        () => parseBaseUrl(bad),
        (e: unknown) => e instanceof KantataError && e.remedies.includes('openSettings'),
      );
    });
  }
});

describe('operations', () => {
  it('describe each request without building URLs elsewhere', () => {
    const list = ops.listUsersPage({ include: ['role'], optionalFields: ['classification', 'country'], onMyAccount: true, search: 'ana' }, 3);
    assert.equal(list.method, 'GET');
    assert.equal(list.path, '/users');
    assert.deepEqual(list.query, {
      include: 'role',
      optional_fields: 'classification,country',
      on_my_account: 'true',
      search: 'ana',
      page: '3',
      per_page: '200',
    });
    const update = ops.updateUser('12', { headline: 'New' });
    assert.deepEqual(update.body, { kind: 'json', value: { user: { headline: 'New' } } });
    assert.equal(ops.getCapacity('12', '2024-01-01', '2024-01-31').path, '/users/12/capacity');
    assert.equal(ops.uploadProfilePhoto('12', { fileName: 'a.png', contentType: 'image/png', data: new Uint8Array() }).body?.kind, 'multipart');
    assert.equal(ops.PROFILE_PHOTO_FIELD, 'user[profile_photo_attachment_file]');
  });
  it('refuse ids and dates that are not what the API takes, before any request', () => {
    assert.throws(() => ops.getUser('../../admin'), /not a Kantata user id/);
    assert.throws(() => ops.getUser(''), /not a Kantata user id/);
    assert.throws(() => ops.getCapacity('1', '2024-1-1', '2024-01-02'), /YYYY-MM-DD/);
    assert.throws(() => ops.updateUser('1', {}), /no changes/);
  });
  it('keep commas bare in list parameters and encode everything else', () => {
    assert.equal(
      buildUrl('https://h/api/v1', '/users', { include: 'role,manager', search: 'a&b c' }),
      'https://h/api/v1/users?include=role,manager&search=a%26b%20c',
    );
  });
});

describe('error mapping', () => {
  it('a failed step keeps its KantataError; anything else thrown becomes one with Retry, named by the step', () => {
    const known = new KantataError({ kind: 'rateLimited', userMessage: 'Too many requests.', remedies: ['retry'] });
    assert.equal(asKantataError(known, 'Loading teammates'), known);
    const wrapped = asKantataError(new TypeError('x is undefined'), 'Loading teammates');
    assert.equal(wrapped.kind, 'badResponse');
    assert.equal(wrapped.userMessage, 'Loading teammates failed unexpectedly: TypeError: x is undefined');
    assert.deepEqual(wrapped.remedies, ['retry']);
  });

  const cases: [number, string, string | undefined, KantataError['kind'], string[]][] = [
    [400, kantataBody('Unknown include'), 'application/json', 'badRequest', []],
    [401, JSON.stringify({ errors: [{ type: 'oauth', message: 'Invalid token' }] }), 'application/json', 'unauthorized', ['signIn']],
    [403, kantataBody('Nope'), 'application/json', 'forbidden', []],
    [404, kantataBody('Not found'), 'application/json', 'notFound', ['retry']],
    [422, JSON.stringify({ errors: [{ type: 'validation', message: 'is invalid', field: 'email_address' }] }), 'application/json', 'validation', []],
    [429, '', undefined, 'rateLimited', ['retry']],
    [500, '', undefined, 'server', ['retry']],
    [503, '<html>down</html>', 'text/html', 'server', ['retry']],
    [404, '<html>Not Found</html>', 'text/html', 'badResponse', ['openSettings', 'retry']],
    [401, '<html>Proxy login</html>', 'text/html', 'badResponse', ['openSettings', 'retry']],
    [302, '', undefined, 'badResponse', ['openSettings']],
  ];
  for (const [status, text, contentType, kind, remedies] of cases) {
    it(`maps HTTP ${status} ${contentType ?? 'empty'} to ${kind}`, () => {
      const error = errorFromResponse({ status, text, contentType, host });
      assert.equal(error.kind, kind);
      assert.deepEqual([...error.remedies], remedies);
      assert.ok(error.userMessage.length > 10);
    });
  }
  it('keeps per-field validation messages and the wait of a 429', () => {
    const validation = errorFromResponse({
      status: 422,
      host,
      text: JSON.stringify({ errors: [{ type: 'validation', message: "can't be blank", field: 'full_name' }, { type: 'validation', message: 'is invalid', field: 'email_address' }] }),
    });
    assert.deepEqual(validation.messagesByField().get('email_address'), ['is invalid']);
    assert.match(validation.userMessage, /can't be blank/);
    const limited = errorFromResponse({ status: 429, host, text: '', retryAfter: '120' });
    assert.equal(limited.retryAfterSeconds, 120);
    assert.match(limited.userMessage, /2 minutes/);
  });
  it('names each transport failure plainly', () => {
    assert.match(errorFromTransport('ECONNREFUSED', host, 'x').userMessage, /refused/);
    assert.match(errorFromTransport('ENOTFOUND', host, 'x').userMessage, /Couldn't find the server/);
    assert.match(errorFromTransport('SELF_SIGNED_CERT_IN_CHAIN', host, 'x').userMessage, /certificate/);
    assert.equal(errorFromTransport('ECONNRESET', host, 'socket hang up').code, 'ECONNRESET');
  });
});

describe('retry rules', () => {
  const opts = { ...defaultRetryOptions, baseDelayMs: 100 };
  const err = (kind: KantataError['kind'], extra: Partial<{ status: number; retryAfterSeconds: number; code: string }> = {}) =>
    new KantataError({ kind, userMessage: kind, ...extra });
  const half = () => 0.5;
  it('retries reads on 429, 502/503/504 and resets, with growing jittered back-off', () => {
    assert.equal(retryDelayMs('GET', err('server', { status: 503 }), 1, opts, half), 50);
    assert.equal(retryDelayMs('GET', err('server', { status: 504 }), 2, opts, half), 100);
    assert.equal(retryDelayMs('GET', err('network', { code: 'ECONNRESET' }), 1, opts, half), 50);
    assert.equal(retryDelayMs('GET', err('rateLimited'), 1, opts, half), 50);
    assert.equal(retryDelayMs('GET', err('rateLimited', { retryAfterSeconds: 2 }), 1, opts, half), 2000);
  });
  it('gives up after the last try, on long waits and on final errors', () => {
    assert.equal(retryDelayMs('GET', err('server', { status: 503 }), 3, opts, half), undefined);
    assert.equal(retryDelayMs('GET', err('rateLimited', { retryAfterSeconds: 61 }), 1, opts, half), undefined);
    assert.equal(retryDelayMs('GET', err('server', { status: 500 }), 1, opts, half), undefined);
    assert.equal(retryDelayMs('GET', err('network', { code: 'ECONNREFUSED' }), 1, opts, half), undefined);
    assert.equal(retryDelayMs('GET', err('unauthorized'), 1, opts, half), undefined);
  });
  it('retries writes only on 429', () => {
    for (const method of ['PUT', 'POST', 'DELETE'] as const) {
      assert.equal(retryDelayMs(method, err('server', { status: 503 }), 1, opts, half), undefined);
      assert.equal(retryDelayMs(method, err('network', { code: 'ECONNRESET' }), 1, opts, half), undefined);
      assert.equal(retryDelayMs(method, err('rateLimited', { retryAfterSeconds: 1 }), 1, opts, half), 1000);
    }
  });
  it('reads Retry-After as seconds or as a date', () => {
    assert.equal(parseRetryAfter('7'), 7);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(parseRetryAfter(undefined), undefined);
  });
  it('stops a wait as soon as it is aborted', async () => {
    // Ten minutes: only the abort can end the wait before the test's time-out.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(sleep(600_000, controller.signal), (e: unknown) => e instanceof KantataError && e.kind === 'cancelled');
  });
});

describe('logging helpers', () => {
  it('leave personal query values and the token out', () => {
    assert.equal(describeRequestTarget('/users', { page: '2', search: 'Ada' }), '/users?page=2&search=…');
    assert.equal(redact('Bearer abc123 failed', 'abc123'), 'Bearer «token» failed');
  });
});
