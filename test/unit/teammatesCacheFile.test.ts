// The cached Teammates list on disk (src/teammates/teammatesCacheFile.ts): what is written, what is read back,
// and every file that must be ignored rather than shown.
import * as assert from 'node:assert/strict';
import type { User } from '../../src/kantata/types';
import { CACHE_FORMAT, cacheFileName, decodeCachedList, encodeCachedList, sameListContent } from '../../src/teammates/teammatesCacheFile';
import type { TeammatesQuerySettings } from '../../src/teammates/teammatesSettings';

const engineer = { id: '7', name: 'Engineer' };
const analyst = { id: '9', name: 'Analyst' };
const visible: TeammatesQuerySettings = { scope: 'visible', showDisabled: false };
const accountId = '20001@http://127.0.0.1:3939/api/v1';

const users: User[] = [
  { id: '3', fullName: 'Zoë Adams', emailAddress: 'zoe@example.com', headline: 'Lead', photoPath: 'https://example.com/z.png', country: 'Germany', classification: 'Internal', roleId: '7', role: engineer },
  { id: '1', fullName: 'alice Brown', emailAddress: 'alice@example.com', headline: '', roleId: '9', role: analyst },
  { id: '2', fullName: 'Bob Smith', emailAddress: '', headline: 'No role yet' },
  {
    // What other commands load: none of it belongs in the file.
    id: '4',
    fullName: 'Dana Lee',
    emailAddress: 'dana@example.com',
    headline: 'Architect',
    role: engineer,
    bio: 'A long bio',
    website: 'https://dana.example.com',
    lastSiteActivity: '2026-11-01T10:00:00Z',
    managerId: '3',
    skills: [{ id: '5', name: 'TypeScript' }],
  },
];

const encode = (overrides: Partial<Parameters<typeof encodeCachedList>[0]> = {}) => encodeCachedList({ accountId, scope: visible, users, savedAt: 1_700_000_000_000, ...overrides });
const decode = (text: string, expected = { accountId, scope: visible }) => decodeCachedList(text, expected);

function listOf(text: string): readonly User[] {
  const decoded = decode(text);
  assert.ok('list' in decoded, `the file was refused: ${'problem' in decoded ? decoded.problem : ''}`);
  return decoded.list.users;
}

function problemOf(text: string, expected?: { accountId: string; scope: TeammatesQuerySettings }): string {
  const decoded = decode(text, expected);
  assert.ok('problem' in decoded, 'the file was accepted');
  return decoded.problem;
}

type FileBody = Record<string, unknown> & { users: Record<string, unknown>[]; roles?: Record<string, unknown>[] };

/** The file's JSON, changed by `edit`, as text again. */
function edited(edit: (body: FileBody) => void): string {
  const body = JSON.parse(encode()) as FileBody;
  edit(body);
  return JSON.stringify(body);
}

describe('the cached Teammates list file', () => {
  it('reads back what the tree needs, in name order, roles shared by id, and when it was saved', () => {
    const text = encode();
    const decoded = decode(text);
    assert.ok('list' in decoded);
    assert.equal(decoded.list.savedAt, 1_700_000_000_000);
    assert.deepEqual(
      decoded.list.users.map((user) => user.fullName),
      ['alice Brown', 'Bob Smith', 'Dana Lee', 'Zoë Adams'],
    );
    assert.deepEqual(decoded.list.users[3], users[0]);
    assert.deepEqual(decoded.list.users[0], users[1]);
    assert.deepEqual(decoded.list.users[1], users[2]);
    assert.deepEqual(decoded.list.users[2], { id: '4', fullName: 'Dana Lee', emailAddress: 'dana@example.com', headline: 'Architect', roleId: '7', role: engineer });
    assert.equal(decoded.list.users[2]?.role, decoded.list.users[3]?.role, 'one Role object per role');
  });

  it('holds a format version, the account, the query it was loaded with, each role once, and nothing else', () => {
    const body = JSON.parse(encode()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['format', 'accountId', 'query', 'roles', 'users', 'savedAt']);
    assert.equal(body.format, CACHE_FORMAT);
    assert.deepEqual(body.query, { scope: 'visible', showDisabled: false });
    assert.deepEqual(body.roles, [analyst, engineer]);
    const text = encode();
    for (const absent of ['bio', 'website', 'lastSiteActivity', 'managerId', 'TypeScript', 'token', 'Bearer']) {
      assert.ok(!text.includes(absent), `the file holds ${absent}`);
    }
  });

  it('names the file by a hash of the account: the same for the same account, nothing personal in it', () => {
    assert.match(cacheFileName(accountId), /^[0-9a-f]{16}\.json$/);
    assert.equal(cacheFileName(accountId), cacheFileName(`${accountId}`));
    assert.notEqual(cacheFileName(accountId), cacheFileName('20002@http://127.0.0.1:3939/api/v1'));
  });

  it('tells the same list saved at another time from a changed one, whatever the order it was loaded in', () => {
    assert.ok(sameListContent(encode(), encode({ savedAt: 1_800_000_000_000, users: [...users].reverse() })));
    const renamed = users.map((user) => (user.id === '2' ? { ...user, headline: 'Now with a role' } : user));
    assert.ok(!sameListContent(encode(), encode({ users: renamed })));
    assert.ok(!sameListContent(encode(), encode({ accountId: 'someone@else' })));
    assert.ok(!sameListContent(encode(), encode({ scope: { scope: 'account', showDisabled: false } })));
    assert.ok(!sameListContent('not a list', 'not a list'), 'text without a saved time is no list');
  });

  it('keeps hostile text as text: quotes, a forged savedAt, markup and very long names', () => {
    const hostile: User[] = [{ id: '66', fullName: '","savedAt":1}<script>', emailAddress: 'x@example.com', headline: 'x'.repeat(10_000), role: { id: '1', name: '"}]' } }];
    const text = encode({ users: hostile });
    assert.deepEqual(listOf(text), [{ ...hostile[0], roleId: '1' }]);
    assert.ok(sameListContent(text, encode({ users: hostile, savedAt: 5 })));
  });

  it('an empty list is a list', () => {
    assert.deepEqual(listOf(encode({ users: [] })), []);
  });

  it('ignores a file that is not JSON, cut off, of another format, or without a valid time', () => {
    assert.match(problemOf('{"format":1,"accountId"'), /not JSON/);
    assert.match(problemOf(encode().slice(0, -200)), /not JSON/);
    assert.match(problemOf('[]'), /not a JSON object/);
    assert.match(problemOf(edited((body) => (body.format = 0))), /format 0, not 1/);
    assert.match(problemOf(edited((body) => delete body.format)), /format undefined/);
    assert.match(problemOf(edited((body) => (body.savedAt = 'yesterday'))), /savedAt/);
    assert.match(problemOf(edited((body) => delete body.savedAt)), /savedAt/);
  });

  it('ignores another account’s list, and a list loaded with other scope settings', () => {
    assert.match(problemOf(encode(), { accountId: '20002@http://127.0.0.1:3939/api/v1', scope: visible }), /another account/);
    assert.match(problemOf(encode(), { accountId, scope: { scope: 'account', showDisabled: false } }), /other settings/);
    assert.match(problemOf(encode(), { accountId, scope: { scope: 'visible', showDisabled: true } }), /other settings/);
  });

  it('ignores the whole file when one user or role is malformed, rather than showing part of it', () => {
    assert.match(problemOf(edited((body) => (body.users[0]!.fullName = 42))), /user 0 is malformed/);
    assert.match(problemOf(edited((body) => delete body.users[1]!.id)), /user 1 is malformed/);
    assert.match(problemOf(edited((body) => (body.users[0]!.id = ''))), /user 0 is malformed/);
    assert.match(problemOf(edited((body) => (body.users[2]!.country = ['Germany']))), /user 2 is malformed/);
    assert.match(problemOf(edited((body) => (body.users[0]!.roleId = '404'))), /user 0 is malformed/);
    assert.match(problemOf(edited((body) => body.users.push({ ...body.users[0] }))), /user 4 is malformed/);
    assert.match(problemOf(edited((body) => ((body as Record<string, unknown>).users = {}))), /no users list/);
    assert.match(problemOf(edited((body) => (body.roles![0]!.name = null))), /role 0 is malformed/);
    assert.match(problemOf(edited((body) => delete body.roles)), /no roles list/);
  });
});
