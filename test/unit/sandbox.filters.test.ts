import * as assert from 'node:assert/strict';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { allUsers, call, envelopeOf, errorsOf, matches, objectsOf, singleUser } from '../support/sandboxHttp';

const ids = NOTABLE_USER_IDS;

describe('sandbox: filters, order and visibility', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const names = async (query: string, token?: string) => (await allUsers(sandbox, query, token)).map((user) => user.full_name);

  describe('filters', () => {
    it('by_full_name: a case- and accent-insensitive part of the name', async () => {
      assert.deepEqual(await names('by_full_name=jose%20mul'), ['José Müller']);
      assert.deepEqual(await names(`by_full_name=${encodeURIComponent("o'connor")}`), ["Siobhán O'Connor"]);
      assert.deepEqual(await names(`by_full_name=${encodeURIComponent('山田')}`), ['山田 花子']);
      assert.deepEqual(await names('by_full_name=zzzz-nobody'), []);
    });

    it('search: name, e-mail address or headline', async () => {
      assert.deepEqual(await names('search=JORDAN.BLAKE%40'), ['Jordan Blake'], 'by e-mail');
      assert.ok((await names('search=head%20of%20delivery')).includes('Alex Rivera'), 'by headline');
      assert.ok((await names(`search=${encodeURIComponent('смирнов')}`)).includes('Алексей Смирнов'), 'by name, any script');
    });

    it('only: the visible users among the ids, never a 404', async () => {
      const body = envelopeOf(await call(sandbox, `/users?only=${ids.accented},${ids.japanese},999999,${ids.disabled},abc`));
      assert.deepEqual(matches(body).map((user) => user.id).sort(), [ids.accented, ids.japanese].sort());
      assert.equal(envelopeOf(await call(sandbox, '/users?only=999999')).count, 0);
    });

    it('account_role_ids: users with one of the roles', async () => {
      const roles = matches<{ id: string; name: string }>(envelopeOf(await call(sandbox, '/roles')));
      const designer = roles.find((role) => role.name === 'Designer')!.id;
      const writer = roles.find((role) => role.name === 'Technical Writer')!.id;
      const users = await allUsers(sandbox, `account_role_ids=${designer},${writer}&include=role`);
      assert.ok(users.length > 2);
      assert.ok(users.every((user) => user.role_id === designer || user.role_id === writer));
      assert.ok(users.some((user) => user.id === ids.japanese) && users.some((user) => user.id === ids.hindi));
    });

    it('by_email_address: an exact address', async () => {
      assert.deepEqual(await names('by_email_address=Jose.Muller%40acme-consulting.example'), ['José Müller']);
      assert.deepEqual(await names('by_email_address=jose%40acme-consulting.example'), []);
    });

    it('users without a role are listed too', async () => {
      const users = await allUsers(sandbox, 'include=role');
      assert.ok(users.some((user) => user.id === ids.noRole && !('role_id' in user)));
    });
  });

  describe('order', () => {
    it('is alphabetical:asc by default, with Intl.Collator rules, and desc reverses it', async () => {
      const ascending = await names('');
      const collator = new Intl.Collator('en', { sensitivity: 'base' });
      assert.deepEqual(ascending, [...ascending].sort((a, b) => collator.compare(a, b)));
      assert.deepEqual(await names('order=alphabetical:asc'), ascending);
      assert.deepEqual(await names('order=alphabetical:desc'), [...ascending].reverse());
    });

    it('refuses an unknown order with a 400', async () => {
      const errors = errorsOf(await call(sandbox, '/users?order=sideways'), 400);
      assert.equal(errors[0]!.type, 'system');
      assert.match(errors[0]!.message, /Invalid order 'sideways'\. Valid values: alphabetical:asc, alphabetical:desc\./);
    });

    it('refuses a boolean that is not one', async () => {
      errorsOf(await call(sandbox, '/users?show_disabled=maybe'), 400);
    });
  });

  describe('visibility', () => {
    it('hides disabled users unless show_disabled=true', async () => {
      assert.ok(!(await allUsers(sandbox)).some((user) => user.id === ids.disabled));
      const withDisabled = await allUsers(sandbox, 'show_disabled=true&include=account_membership');
      assert.ok(withDisabled.some((user) => user.id === ids.disabled));
      errorsOf(await call(sandbox, `/users/${ids.disabled}`), 404);
      const shown = envelopeOf(await call(sandbox, `/users/${ids.disabled}?show_disabled=true&include=account_membership`));
      const membership = Object.values(objectsOf<{ disabled_at?: string }>(shown, 'account_memberships'))[0]!;
      assert.ok(membership.disabled_at, 'a disabled membership says when');
    });

    it('hides account members in no project unless on_my_account=true', async () => {
      assert.ok(!(await allUsers(sandbox)).some((user) => user.id === ids.noProject));
      errorsOf(await call(sandbox, `/users/${ids.noProject}`), 404);
      assert.ok((await allUsers(sandbox, 'on_my_account=true')).some((user) => user.id === ids.noProject));
      assert.equal(singleUser(await call(sandbox, `/users/${ids.noProject}?on_my_account=true`)).full_name, 'Robin Hart');
      const outside = (await allUsers(sandbox, 'optional_fields=classification')).filter((user) => user.classification === 'External');
      assert.ok(outside.length >= 1);
      const members = envelopeOf(await call(sandbox, '/users?on_my_account=true&show_disabled=true')).count;
      assert.equal(members + outside.length, 146, 'the account: everyone (140 visible + 6 hidden) but the outside users');
    });

    it('shows outside users who share a project, but not on_my_account', async () => {
      assert.ok((await allUsers(sandbox)).some((user) => user.id === ids.outside));
      assert.ok(!(await allUsers(sandbox, 'on_my_account=true')).some((user) => user.id === ids.outside));
    });

    it('lets a member see only the users sharing a project with them, and themself', async () => {
      const member = sandbox.memberToken;
      const everyone = await allUsers(sandbox);
      const visible = await allUsers(sandbox, '', member);
      assert.ok(visible.length > 10 && visible.length < everyone.length / 2, `member sees ${visible.length} of ${everyone.length}`);
      const seen = new Set(visible.map((user) => user.id));
      for (const id of [sandbox.memberUserId, sandbox.adminUserId, ids.accented, ids.apostrophe, ids.outside, ids.partTimer]) {
        assert.ok(seen.has(id), `member sees ${id}`);
      }
      for (const id of [ids.japanese, ids.arabic, ids.noRole, ids.disabled]) {
        assert.ok(!seen.has(id), `member does not see ${id}`);
      }
      errorsOf(await call(sandbox, `/users/${ids.japanese}`, { token: member }), 404);
      assert.equal(singleUser(await call(sandbox, '/users/me', { token: member })).id, sandbox.memberUserId);
    });

    it('answers 404 for an unknown or malformed user id', async () => {
      const errors = errorsOf(await call(sandbox, '/users/999999999'), 404);
      assert.equal(errors[0]!.message, 'User not found.');
      errorsOf(await call(sandbox, '/users/abc'), 404);
    });
  });
});
