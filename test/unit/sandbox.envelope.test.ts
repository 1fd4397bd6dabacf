import * as assert from 'node:assert/strict';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { call, envelopeOf, errorsOf, matches, objectsOf, singleUser } from '../support/sandboxHttp';
import type { WireUser } from '../support/sandboxHttp';

const ASSOCIATION_ID_FIELDS = ['role_id', 'account_membership_id', 'manager_id', 'skill_ids', 'skill_membership_ids', 'custom_field_value_ids', 'external_reference_ids', 'work_sample_ids'];
const OPTIONAL_FIELDS = ['bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'last_site_activity', 'classification'];

describe('sandbox: the response envelope', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('lists users as count, meta, ordered results and users keyed by string id', async () => {
    const body = envelopeOf(await call(sandbox, '/users'));
    assert.deepEqual(Object.keys(body), ['count', 'meta', 'results', 'users']);
    assert.equal(body.count, 140);
    assert.deepEqual(body.meta, { count: 140, page_count: 7, page_number: 1, page_size: 20 });
    assert.equal(body.results.length, 20);
    const users = objectsOf<WireUser>(body, 'users');
    assert.equal(Object.keys(users).length, 20);
    for (const result of body.results) {
      assert.equal(result.key, 'users');
      assert.match(result.id, /^\d+$/);
      assert.equal(users[result.id]!.id, result.id, 'ids are strings, and the key is the id');
    }
  });

  it('sends the always-present fields, and no optional or association field unless asked', async () => {
    for (const user of matches(envelopeOf(await call(sandbox, '/users?per_page=200')))) {
      assert.deepEqual(Object.keys(user), ['id', 'full_name', 'email_address', 'headline', 'photo_path']);
      assert.match(user.photo_path, /^http:\/\/127\.0\.0\.1:\d+\/photos\//);
    }
  });

  it('answers the show routes with the same envelope holding one result', async () => {
    for (const path of ['/users/me', `/users/${NOTABLE_USER_IDS.accented}`, '/users/me.json', `/users/${NOTABLE_USER_IDS.accented}.json`]) {
      const result = await call(sandbox, path);
      const body = envelopeOf(result);
      assert.equal(body.count, 1);
      assert.deepEqual(body.meta, { count: 1, page_count: 1, page_number: 1, page_size: 1 });
      assert.equal(body.results.length, 1);
      assert.equal(singleUser(result).id, path.includes('me') ? sandbox.adminUserId : NOTABLE_USER_IDS.accented);
    }
  });

  it('adds each *_id(s) field, and its top-level key, only for the include asked for', async () => {
    const id = NOTABLE_USER_IDS.accented;
    const expectations: [string, string, string][] = [
      ['role', 'role_id', 'roles'],
      ['account_membership', 'account_membership_id', 'account_memberships'],
      ['manager', 'manager_id', 'users'],
      ['skills', 'skill_ids', 'skills'],
      ['skill_memberships', 'skill_membership_ids', 'skill_memberships'],
      ['custom_field_values', 'custom_field_value_ids', 'custom_field_values'],
      ['external_references', 'external_reference_ids', 'external_references'],
      ['work_samples', 'work_sample_ids', 'work_samples'],
    ];
    for (const [include, field, key] of expectations) {
      const body = envelopeOf(await call(sandbox, `/users/${id}?include=${include}`));
      const user = objectsOf<WireUser>(body, 'users')[id]!;
      assert.ok(field in user, `${field} with include=${include}`);
      for (const other of ASSOCIATION_ID_FIELDS.filter((name) => name !== field)) {
        assert.ok(!(other in user), `${other} without its include (include=${include})`);
      }
      assert.ok(key in body, `top-level ${key} with include=${include}`);
    }
  });

  it('resolves every included id through its top-level key', async () => {
    const body = envelopeOf(await call(sandbox, '/users?per_page=200&include=role,account_membership,manager,skills,skill_memberships,custom_field_values'));
    const users = objectsOf<WireUser>(body, 'users');
    const roles = objectsOf(body, 'roles');
    const memberships = objectsOf(body, 'account_memberships');
    const skills = objectsOf<{ max_level: string }>(body, 'skills');
    const skillMemberships = objectsOf<{ level: number; max_level: number; skill_id: string }>(body, 'skill_memberships');
    const values = objectsOf<{ custom_field_name: string; display_value: string; value: string }>(body, 'custom_field_values');
    for (const user of matches(body)) {
      if (user.role_id !== undefined) {
        assert.ok(roles[user.role_id as string], `role ${String(user.role_id)}`);
      }
      if (user.account_membership_id !== undefined) {
        assert.ok(memberships[user.account_membership_id as string]);
      }
      if (user.manager_id !== undefined) {
        assert.ok(users[user.manager_id as string], 'the manager is in users');
      }
      for (const skillId of user.skill_ids as string[]) {
        assert.ok(skills[skillId]);
      }
      for (const membershipId of user.skill_membership_ids as string[]) {
        const membership = skillMemberships[membershipId]!;
        const skill = skills[membership.skill_id];
        assert.ok(skill, 'a membership links to an included skill');
        assert.equal(skill.max_level, String(membership.max_level), 'max_level: a string on the skill, an integer on the membership');
        if (membership.max_level === 5) {
          assert.ok(membership.level >= 1 && membership.level <= 5, `level ${membership.level} of 5`);
        } else {
          assert.deepEqual([membership.max_level, membership.level], [1, 0], 'a skill without levels: level 0, Kantata\'s default');
        }
      }
      for (const valueId of user.custom_field_value_ids as string[]) {
        assert.equal(typeof values[valueId]!.display_value, 'string');
      }
    }
    assert.ok(Object.values(values).some((value) => value.custom_field_name === 'Start date' && /^\d{4}-\d{2}-\d{2}$/.test(value.value)));
  });

  it('puts managers into users, so users can hold more objects than results', async () => {
    const body = envelopeOf(await call(sandbox, `/users?only=${NOTABLE_USER_IDS.accented}&include=manager`));
    assert.equal(body.results.length, 1);
    const users = objectsOf<WireUser>(body, 'users');
    assert.equal(users[NOTABLE_USER_IDS.accented]!.manager_id, NOTABLE_USER_IDS.apostrophe);
    assert.equal(users[NOTABLE_USER_IDS.apostrophe]!.full_name, "Siobhán O'Connor");
    assert.ok(!('manager_id' in users[NOTABLE_USER_IDS.apostrophe]!), 'an included manager has no association ids of its own');
    assert.equal(Object.keys(users).length, 2);
  });

  it('adds optional fields in the documented comma form, only when asked', async () => {
    const id = NOTABLE_USER_IDS.accented;
    const user = singleUser(await call(sandbox, `/users/${id}?optional_fields=city,country,classification,abbreviated_timezone`));
    assert.equal(user.city, 'Berlin');
    assert.equal(user.country, 'Germany');
    assert.equal(user.classification, 'Internal');
    assert.equal(user.abbreviated_timezone, 'CET');
    for (const field of ['bio', 'website', 'state', 'last_site_activity']) {
      assert.ok(!(field in user), `${field} was not asked for`);
    }
    const all = singleUser(await call(sandbox, `/users/${id}?optional_fields=${OPTIONAL_FIELDS.join(',')}`));
    assert.match(String(all.last_site_activity), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const repeated = singleUser(await call(sandbox, `/users/${id}?optional_fields=city&optional_fields=country`));
    assert.deepEqual([repeated.city, repeated.country], ['Berlin', 'Germany'], 'the repeated (array) form works too');
  });

  it('shows last_site_activity to administrators only', async () => {
    const path = `/users/${NOTABLE_USER_IDS.accented}?optional_fields=last_site_activity`;
    assert.ok('last_site_activity' in singleUser(await call(sandbox, path)));
    assert.ok(!('last_site_activity' in singleUser(await call(sandbox, path, { token: sandbox.memberToken }))));
  });

  it('classifies outside users as External', async () => {
    const user = singleUser(await call(sandbox, `/users/${NOTABLE_USER_IDS.outside}?optional_fields=classification&include=account_membership,role`));
    assert.equal(user.classification, 'External');
    assert.ok(!('account_membership_id' in user) && !('role_id' in user), 'no membership or role on this account');
  });

  it('refuses an unknown include or optional field with a 400 naming the valid ones', async () => {
    const include = errorsOf(await call(sandbox, '/users?include=role,bogus'), 400);
    assert.equal(include[0]!.type, 'system');
    assert.match(include[0]!.message, /Unknown include: 'bogus'\. Valid includes: account_membership, .*work_samples\./);
    const optional = errorsOf(await call(sandbox, '/users/me?optional_fields=bio,shoe_size'), 400);
    assert.match(optional[0]!.message, /Unknown optional field: 'shoe_size'/);
  });

  it('lists the active roles sorted by name under roles', async () => {
    const body = envelopeOf(await call(sandbox, '/roles'));
    const names = matches<{ name: string; created_at: string }>(body).map((role) => role.name);
    assert.deepEqual(names, ['Consultant', 'Designer', 'Developer', 'Engagement Manager', 'Project Manager', 'QA Analyst', 'Solutions Architect', 'Technical Writer']);
    assert.equal(body.results[0]!.key, 'roles');
    for (const role of Object.values(objectsOf<{ id: string; created_at: string; updated_at: string }>(body, 'roles'))) {
      assert.match(role.id, /^\d+$/);
      assert.ok(!Number.isNaN(Date.parse(role.created_at)) && !Number.isNaN(Date.parse(role.updated_at)));
    }
    const all = envelopeOf(await call(sandbox, '/roles?only_active=false&order=alphabetical:desc&per_page=2'));
    assert.equal(all.count, 9, 'a deleted role too');
    assert.deepEqual(matches<{ name: string }>(all).map((role) => role.name), ['Technical Writer', 'Solutions Architect']);
  });
});
