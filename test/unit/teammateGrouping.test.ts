import * as assert from 'node:assert/strict';
import { User } from '../../src/kantata/types';
import { compareByName, groupTeammates } from '../../src/teammates/teammateGrouping';

let nextId = 1;
function user(fullName: string, extra: Partial<User> = {}): User {
  return { id: String(nextId++), fullName, emailAddress: `${fullName.split(' ')[0]?.toLowerCase()}@example.com`, headline: '', ...extra };
}

const engineer = { id: '1', name: 'Engineer' };
const analyst = { id: '2', name: 'analyst' };
const émigré = { id: '3', name: 'Éditeur' };

describe('grouping teammates', () => {
  const people = [
    user('zoë Adams', { role: engineer, country: 'Germany', classification: 'Internal' }),
    user('Émile Zola', { role: engineer, country: 'France', classification: 'External' }),
    user('alice Brown', { role: analyst, country: 'Germany', classification: 'Internal' }),
    user('Bob Smith', { role: émigré }),
    user('Ådne Berg'),
    user('Anna Ng', { role: engineer, country: 'Åland Islands' }),
  ];

  it('by role: groups sorted by name (locale-aware, case-insensitive), "No role" last, users sorted', () => {
    const groups = groupTeammates(people, 'role');
    assert.deepEqual(groups.map((group) => group.label), ['analyst', 'Éditeur', 'Engineer', 'No role']);
    assert.deepEqual(groups.map((group) => group.key), ['role:2', 'role:3', 'role:1', 'role:']);
    assert.deepEqual(groups[2]?.users.map((member) => member.fullName), ['Anna Ng', 'Émile Zola', 'zoë Adams']);
    assert.deepEqual(groups[3]?.users.map((member) => member.fullName), ['Ådne Berg']);
  });

  it('by country and by classification, each with its own group for the missing value', () => {
    assert.deepEqual(groupTeammates(people, 'country').map((group) => `${group.label} ${group.users.length}`), [
      'Åland Islands 1',
      'France 1',
      'Germany 2',
      'No country 2',
    ]);
    assert.deepEqual(groupTeammates(people, 'classification').map((group) => group.label), ['External', 'Internal', 'No classification']);
  });

  it('none: one group of everyone in name order; no group at all for an empty list', () => {
    const [everyone, ...rest] = groupTeammates(people, 'none');
    assert.deepEqual(rest, []);
    assert.deepEqual(everyone?.users.map((member) => member.fullName), ['Ådne Berg', 'alice Brown', 'Anna Ng', 'Bob Smith', 'Émile Zola', 'zoë Adams']);
    assert.deepEqual(groupTeammates([], 'role'), []);
  });

  it('roles with the same name stay apart (keyed by id), and the order is total', () => {
    const twins = [user('A', { role: { id: '8', name: 'Lead' } }), user('B', { role: { id: '9', name: 'Lead' } })];
    assert.deepEqual(groupTeammates(twins, 'role').map((group) => group.key), ['role:8', 'role:9']);
    const same = [user('Sam Lee'), user('sam lee')];
    assert.notEqual(compareByName(same[0] as User, same[1] as User), 0);
  });

  it('does not change the input', () => {
    const copy = [...people];
    groupTeammates(people, 'role');
    assert.deepEqual(people, copy);
  });
});
