import * as assert from 'node:assert/strict';
import { KantataClient } from '../../src/kantata/client';
import { KantataError } from '../../src/kantata/errors';
import type { Skill, User } from '../../src/kantata/types';
import {
  buildSkillCatalogue,
  levelChoices,
  listPeopleWithSkill,
  loadSkillCatalogue,
  resultsTitle,
  skillChoiceText,
  skillFilterText,
  skillKindText,
  type SkillEntry,
} from '../../src/skills/skillCatalogue';
import { SkillCatalogueStore } from '../../src/skills/skillCatalogueStore';
import { generateDataset, skillIdByName } from '../sandbox/data';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { validateRequest } from '../support/openapiCheck';

const typescript: Skill = { id: '11', name: 'TypeScript', maxLevel: 5 };
const scrum: Skill = { id: '12', name: 'certified ScrumMaster', maxLevel: 1 };
const figma: Skill = { id: '13', name: 'Figma', maxLevel: 5 };

function user(id: string, skills: [Skill, number?][]): User {
  return { id, fullName: `User ${id}`, emailAddress: `${id}@x.example`, headline: '', skillsWithLevels: skills.map(([skill, level]) => ({ skill, level })) };
}

describe('Find by Skill: the catalogue, level choices and the with_skills query', () => {
  const users = [
    user('1', [[typescript, 4], [scrum]]),
    user('2', [[typescript, 2], [figma, 5]]),
    user('3', [[typescript, 5], [typescript, 5]]),
    user('4', []),
    { id: '5', fullName: 'No skills asked', emailAddress: '', headline: '' },
  ];

  it('lists each skill held once, by name, with how many hold it at each level', () => {
    const catalogue = buildSkillCatalogue(users);
    assert.deepEqual(catalogue.map((entry) => [entry.name, entry.people, entry.maxLevel]), [
      ['certified ScrumMaster', 1, 1],
      ['Figma', 1, 5],
      ['TypeScript', 3, 5],
    ]);
    assert.deepEqual(catalogue[2]!.peopleAtLevel, [0, 0, 1, 0, 1, 1], 'someone listing a skill twice counts once');
    assert.deepEqual(catalogue[0]!.peopleAtLevel, [1, 0], 'a certification has no level');
    assert.deepEqual(buildSkillCatalogue([]), []);
    assert.deepEqual(catalogue.map(skillKindText), ['certification', 'levels 1\u20135', 'levels 1\u20135']);
  });

  it('offers Any level, then Level 2 or higher up to the top level, each with its people; a certification none', () => {
    const [certification, , typescriptEntry] = buildSkillCatalogue(users) as [SkillEntry, SkillEntry, SkillEntry];
    assert.deepEqual(levelChoices(typescriptEntry), [
      { minLevel: undefined, label: 'Any level', people: 3 },
      { minLevel: 2, label: 'Level 2 or higher', people: 3 },
      { minLevel: 3, label: 'Level 3 or higher', people: 2 },
      { minLevel: 4, label: 'Level 4 or higher', people: 2 },
      { minLevel: 5, label: 'Level 5', people: 1 },
    ]);
    assert.deepEqual(levelChoices(certification), []);
  });

  it('turns a choice into with_skills: the levels from the chosen one up, none for any level or a certification', () => {
    const [certification, , typescriptEntry] = buildSkillCatalogue(users) as [SkillEntry, SkillEntry, SkillEntry];
    assert.equal(skillFilterText(typescriptEntry, 3), '{"11":[3,4,5],"operation":"and"}');
    assert.equal(skillFilterText(typescriptEntry, 5), '{"11":[5],"operation":"and"}');
    assert.equal(skillFilterText(typescriptEntry, undefined), '{"11":[],"operation":"and"}');
    assert.equal(skillFilterText(certification, undefined), '{"12":[],"operation":"and"}');
    assert.equal(skillChoiceText(typescriptEntry, 3), 'TypeScript (level \u2265 3)');
    assert.equal(skillChoiceText(certification, undefined), 'certified ScrumMaster');
    assert.equal(resultsTitle('TypeScript (level \u2265 3)', 2), 'TypeScript (level \u2265 3): 2 people');
    assert.equal(resultsTitle('Figma', 1), 'Figma: 1 person');
    assert.equal(resultsTitle('Figma', undefined), 'Figma');
  });
});

describe('Find by Skill against the sandbox', function () {
  this.timeout(60_000);
  let sandbox: Sandbox;
  let client: KantataClient;
  const dataset = generateDataset();
  /** What the administrator sees without on_my_account: enabled users on a project. */
  const visible = dataset.users.filter((record) => !record.disabled && record.projectIds.length > 0);
  const holders = (skillId: string, levels?: number[]) =>
    visible
      .filter((record) => dataset.skillMemberships.some((m) => m.userId === record.id && m.skillId === skillId && (!levels || levels.includes(m.level))))
      .map((record) => record.id)
      .sort();

  before(async () => {
    sandbox = await startSandbox();
    client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: () => Promise.resolve(sandbox.adminToken), version: 'test', retry: { baseDelayMs: 10 } });
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.clearRequests();
  });
  afterEach(function () {
    const problems = sandbox.requests.flatMap((request) => validateRequest(request).map((problem) => `${request.method} ${request.path}: ${problem}`));
    assert.deepEqual(problems, [], `requests outside the OpenAPI description in "${this.currentTest?.title}"`);
  });

  const listings = () => sandbox.requests.filter((request) => request.path === '/api/v1/users');

  it('builds the catalogue from one listing of 140 people: every seeded skill held, with the sandbox\u2019s counts', async () => {
    const catalogue = await loadSkillCatalogue(client, {});
    assert.equal(listings().length, 1);
    assert.equal(listings()[0]!.query.include, 'skills,skill_memberships');
    const expected = dataset.skills
      .map((skill) => ({ id: skill.id, name: skill.name, maxLevel: skill.maxLevel, people: holders(skill.id).length }))
      .filter((entry) => entry.people > 0)
      .sort((a, b) => a.name.localeCompare(b.name));
    assert.deepEqual(catalogue.map(({ id, name, maxLevel, people }) => ({ id, name, maxLevel, people })), expected);
    const typescriptEntry = catalogue.find((entry) => entry.name === 'TypeScript')!;
    assert.equal(levelChoices(typescriptEntry).find((choice) => choice.minLevel === 4)!.people, holders(typescriptEntry.id, [4, 5]).length);
    assert.equal(catalogue.filter((entry) => entry.maxLevel === 1).length, 3, 'the three certifications');
  });

  it('finds exactly the holders at the chosen level or higher, and a certification at any level', async () => {
    const catalogue = await loadSkillCatalogue(client, {});
    const typescriptEntry = catalogue.find((entry) => entry.id === skillIdByName('TypeScript'))!;
    const scrumEntry = catalogue.find((entry) => entry.id === skillIdByName('Certified ScrumMaster'))!;
    sandbox.clearRequests();
    const found = await listPeopleWithSkill(client, { scope: {}, skill: typescriptEntry, minLevel: 4, selection: { include: ['role'] } });
    assert.deepEqual(found.map((person) => person.id).sort(), holders(typescriptEntry.id, [4, 5]));
    assert.ok(found.some((person) => person.id === NOTABLE_USER_IDS.accented), 'José Müller, TypeScript 5');
    assert.equal(listings()[0]!.query.with_skills, `{"${typescriptEntry.id}":[4,5],"operation":"and"}`);
    const certified = await listPeopleWithSkill(client, { scope: {}, skill: scrumEntry, minLevel: undefined, selection: {} });
    assert.deepEqual(certified.map((person) => person.id).sort(), holders(scrumEntry.id));
  });

  it('keeps the catalogue per account and scope: one load for many asks, again only when fresh or cleared', async () => {
    const store = new SkillCatalogueStore();
    const account = { accountId: 'a', client };
    const [first, second] = await Promise.all([store.get(account, { scope: {} }), store.get(account, { scope: {} })]);
    assert.equal(first, second);
    await store.get(account, { scope: {} });
    assert.equal(listings().length, 1, 'asked together and again: one listing');
    assert.ok(store.peek('a', {}));
    assert.equal(store.peek('a', { onMyAccount: true }), undefined, 'another scope is another catalogue');
    await store.get(account, { scope: {}, fresh: true });
    assert.equal(listings().length, 2);
    store.clear();
    assert.equal(store.peek('a', {}), undefined);
    await store.get(account, { scope: {} });
    assert.equal(listings().length, 3);
  });

  it('gives up when the only caller does, and keeps nothing from a failed load', async () => {
    const store = new SkillCatalogueStore();
    const account = { accountId: 'a', client };
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'hold', times: 1 });
    const controller = new AbortController();
    const waiting = store.get(account, { scope: {}, signal: controller.signal });
    while (sandbox.heldCount === 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    controller.abort();
    await assert.rejects(waiting, (error: unknown) => error instanceof KantataError && error.kind === 'cancelled');
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 403, times: 1 });
    await assert.rejects(store.get(account, { scope: {} }), (error: unknown) => error instanceof KantataError && error.kind === 'forbidden');
    assert.equal(store.peek('a', {}), undefined);
    assert.ok((await store.get(account, { scope: {} })).length > 0, 'the next ask loads again');
  });
});
