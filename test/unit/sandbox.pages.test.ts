// The users listing's pages, serialised once and sent again while nothing changed (issue 22: the benchmarks
// measure the extension, not the sandbox building the same answer). Never a stale page: a change, a reset,
// another token or another query each get their own answer.
import * as assert from 'node:assert/strict';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { call, type WireEnvelope, type WireUser } from '../support/sandboxHttp';

const headlineOf = (result: { json: unknown }, id: string) => ((result.json as WireEnvelope & { users: Record<string, WireUser> }).users[id]?.headline);

describe('sandbox: serialised pages of the users listing', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  afterEach(() => sandbox.reset());

  it('sends the same bytes for the same query and token', async () => {
    const first = await call(sandbox, '/users?page=2&per_page=50');
    const second = await call(sandbox, '/users?page=2&per_page=50');
    assert.equal(second.text, first.text);
    assert.equal(second.headers.get('content-length'), String(Buffer.byteLength(first.text)));
  });

  it('answers another query, or another token, with its own page', async () => {
    const admin = await call(sandbox, '/users?page=1&per_page=50');
    const other = await call(sandbox, '/users?page=2&per_page=50');
    const member = await call(sandbox, '/users?page=1&per_page=50', { token: sandbox.memberToken });
    assert.notEqual(other.text, admin.text);
    assert.notEqual(member.text, admin.text, 'the member sees fewer people than the administrator');
  });

  it('shows a change made after a page was sent, and forgets it again after a reset', async () => {
    const id = sandbox.adminUserId;
    const before = await call(sandbox, `/users?only=${id}`);
    await call(sandbox, `/users/${id}`, { method: 'PUT', body: { user: { headline: 'Changed after the page was sent' } } });
    const after = await call(sandbox, `/users?only=${id}`);
    assert.equal(headlineOf(after, id), 'Changed after the page was sent');
    sandbox.reset();
    const reset = await call(sandbox, `/users?only=${id}`);
    assert.equal(reset.text, before.text);
  });
});
