import * as assert from 'node:assert/strict';
import { KantataClient } from '../../src/kantata/client';
import { decodeUserPage } from '../../src/kantata/decoders';
import { decodeEnvelope } from '../../src/kantata/envelope';
import { KantataError } from '../../src/kantata/errors';
import { emailAddressBatches, encodeWithSkills, listUsersPage, MAX_EMAIL_ADDRESSES, SKILLS_WITH_LEVELS } from '../../src/kantata/operations';
import type { User } from '../../src/kantata/types';
import { generateDataset, skillIdByName } from '../sandbox/data';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { HIDDEN_ONLY_PROJECT_INDEX, projectWireId } from '../sandbox/projects';
import { startSandbox } from '../sandbox/server';
import type { RecordedRequest, Sandbox } from '../sandbox/server';
import { validateRequest } from '../support/openapiCheck';

const ids = NOTABLE_USER_IDS;
const typescript = skillIdByName('TypeScript');
const kubernetes = skillIdByName('Kubernetes');
const terraform = skillIdByName('Terraform');
const scrumMaster = skillIdByName('Certified ScrumMaster');

const sorted = (values: Iterable<string>) => [...values].sort();
const idsOf = (users: readonly User[]) => sorted(users.map((user) => user.id));

function throwsProgrammerError(run: () => unknown): void {
  assert.throws(run, (error: unknown) => error instanceof KantataError && error.kind === 'badRequest');
}

describe('KantataClient: people in context, against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;
  let client: KantataClient;
  const dataset = generateDataset();

  before(async () => {
    sandbox = await startSandbox();
    client = new KantataClient({ baseUrl: sandbox.baseUrl, getToken: () => Promise.resolve(sandbox.adminToken), version: '9.9.9-test' });
  });
  after(async () => {
    client.dispose();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());
  afterEach(function () {
    const problems = sandbox.requests.flatMap((request) => validateRequest(request).map((problem) => `${request.method} ${request.path}: ${problem}`));
    assert.deepEqual(problems, [], `requests outside the OpenAPI description in "${this.currentTest?.title}"`);
  });

  const userListings = (): RecordedRequest[] => sandbox.requests.filter((request) => request.path === '/api/v1/users');

  describe('users by email addresses', () => {
    const visible = () => dataset.users.filter((user) => !user.disabled && user.projectIds.length > 0);

    it('asks for 450 addresses in 3 requests of at most 200, duplicates removed, and finds each user once', async () => {
      const known = visible().map((user) => user.email_address);
      const unknown = Array.from({ length: 450 - known.length }, (_, index) => `nobody${index}@elsewhere.example`);
      const addresses = [...known, ...unknown, ...known.slice(0, 40), ` ${known[0]!} `];
      const users = await client.listUsersByEmailAddresses(addresses);

      assert.deepEqual(idsOf(users), sorted(visible().map((user) => user.id)));
      const requests = userListings();
      assert.equal(requests.length, 3);
      const sent = requests.map((request) => request.query.by_email_addresses!.split(','));
      assert.deepEqual(sent.map((batch) => batch.length), [200, 200, 50]);
      assert.equal(new Set(sent.flat()).size, 450, 'no address asked for twice');
      assert.ok(requests.every((request) => request.query.page === '1' && request.query.per_page === '200'), 'each batch read as a listing');
    });

    it('matches exactly: another case is asked for as it is, and found only as it is', async () => {
      const sam = dataset.users.find((user) => user.id === ids.member)!.email_address;
      const users = await client.listUsersByEmailAddresses([sam.toUpperCase(), sam, 'Jose.Muller@acme-consulting.example'], { include: ['role'] });
      assert.deepEqual(users.map((user) => [user.id, user.role?.name]), [[ids.member, 'Developer']]);
      assert.equal(userListings()[0]!.query.by_email_addresses, `${sam.toUpperCase()},${sam},Jose.Muller@acme-consulting.example`);
    });

    it('sends nothing for no addresses (an empty filter would list everyone), and leaves out blanks and commas', async () => {
      assert.deepEqual(await client.listUsersByEmailAddresses([]), []);
      assert.deepEqual(await client.listUsersByEmailAddresses(['', '   ', 'a,b@example.com']), []);
      assert.equal(sandbox.requests.length, 0);
      throwsProgrammerError(() => listUsersPage({ byEmailAddresses: [] }, 1));
      throwsProgrammerError(() => listUsersPage({ byEmailAddresses: Array.from({ length: MAX_EMAIL_ADDRESSES + 1 }, (_, index) => `a${index}@x.example`) }, 1));
      assert.deepEqual(emailAddressBatches(['b@x', 'a@x', 'b@x', 'B@x']), [['b@x', 'a@x', 'B@x']]);
    });

    it('stops when cancelled', async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(client.listUsersByEmailAddresses(['a@x.example'], {}, { signal: controller.signal }), (error: unknown) => error instanceof KantataError && error.kind === 'cancelled');
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('users on a project', () => {
    it('lists everyone visible on the project, and an empty list for a project no visible user is on', async () => {
      const expected = sorted(dataset.users.filter((user) => !user.disabled && user.projectIds.includes(0)).map((user) => user.id));
      assert.deepEqual(idsOf(await client.listUsersOnProject(projectWireId(0))), expected);
      assert.equal(userListings()[0]!.query.participant_in, '1');

      const hiddenOnly = projectWireId(HIDDEN_ONLY_PROJECT_INDEX);
      assert.deepEqual(await client.listUsersOnProject(hiddenOnly), []);
      assert.deepEqual(idsOf(await client.listUsersOnProject(hiddenOnly, { showDisabled: true })), [ids.disabled]);
      assert.deepEqual(await client.listUsersOnProject('424242'), []);
    });

    it('refuses a project id that is not a number before sending anything', async () => {
      for (const id of ['abc', '', '1,2', '-1']) {
        await assert.rejects(client.listUsersOnProject(id), (error: unknown) => error instanceof KantataError && error.kind === 'badRequest');
      }
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('skills', () => {
    const levelsOf = (user: User | undefined) => user?.skillsWithLevels?.map((entry) => [entry.skill.name, entry.level]);

    it('decodes each user’s skills with their levels; a skill without levels has none', async () => {
      const users = await client.listUsers({ only: [ids.member, ids.apostrophe, ids.noRole], include: [...SKILLS_WITH_LEVELS] });
      const byId = new Map(users.map((user) => [user.id, user]));
      assert.deepEqual(levelsOf(byId.get(ids.member)), [['TypeScript', 4], ['Kubernetes', 2], ['Terraform', 3]]);
      assert.deepEqual(levelsOf(byId.get(ids.apostrophe)), [['Certified ScrumMaster', undefined], ['PRINCE2 Practitioner', undefined], ['Spanish', 3]]);
      assert.deepEqual(levelsOf(byId.get(ids.noRole)), []);
      const scrum = byId.get(ids.apostrophe)!.skillsWithLevels![0]!.skill;
      assert.deepEqual([scrum.id, scrum.maxLevel], [scrumMaster, 1]);
      assert.equal(byId.get(ids.member)!.skillsWithLevels![0]!.skill.maxLevel, 5);
      assert.equal(byId.get(ids.apostrophe)!.skillMemberships![0]!.level, undefined, 'level 0 on the wire is no level');
    });

    it('skills without the memberships: the skills, no levels; neither asked: no skills at all', async () => {
      const [sam] = await client.listUsers({ only: [ids.member], include: ['skills'] });
      assert.deepEqual(levelsOf(sam), [['TypeScript', undefined], ['Kubernetes', undefined], ['Terraform', undefined]]);
      const [plain] = await client.listUsers({ only: [ids.member] });
      assert.equal(plain!.skillsWithLevels, undefined);
    });

    it('with_skills: and / or, with levels, sent in the documented form', async () => {
      const wanted = [{ skillId: typescript, levels: [4, 5] }, { skillId: kubernetes }];
      const all = await client.listUsers({ withSkills: { operation: 'and', skills: wanted }, include: [...SKILLS_WITH_LEVELS] });
      const any = await client.listUsers({ withSkills: { operation: 'or', skills: wanted }, include: [...SKILLS_WITH_LEVELS] });
      assert.equal(userListings()[0]!.query.with_skills, `{"${typescript}":[4,5],"${kubernetes}":[],"operation":"and"}`);

      const has = (user: User, skillId: string, levels?: number[]) =>
        user.skillsWithLevels!.some((entry) => entry.skill.id === skillId && (levels === undefined || levels.includes(entry.level!)));
      assert.ok(all.length > 0 && all.every((user) => has(user, typescript, [4, 5]) && has(user, kubernetes)));
      assert.ok(any.every((user) => has(user, typescript, [4, 5]) || has(user, kubernetes)));
      assert.ok(idsOf(all).includes(ids.member) && !idsOf(all).includes(ids.accented));
      assert.ok([ids.member, ids.accented, ids.cyrillic].every((id) => idsOf(any).includes(id)));

      const everyone = await client.listUsers({ include: [...SKILLS_WITH_LEVELS] });
      assert.deepEqual(idsOf(any), idsOf(everyone.filter((user) => has(user, typescript, [4, 5]) || has(user, kubernetes))), 'no one left out');
    });

    it('with_skills combines with a project, and a skill without levels is asked for without levels', async () => {
      const onProject = await client.listUsersOnProject(projectWireId(0), { withSkills: { operation: 'or', skills: [{ skillId: typescript, levels: [4, 5] }] } });
      assert.ok([ids.member, ids.accented].every((id) => idsOf(onProject).includes(id)));
      const certified = await client.listUsers({ withSkills: { operation: 'and', skills: [{ skillId: scrumMaster }, { skillId: terraform, levels: [] }] } });
      assert.ok(!idsOf(certified).includes(ids.apostrophe), 'Siobhán has no Terraform');
      const scrum = await client.listUsers({ withSkills: { operation: 'and', skills: [{ skillId: scrumMaster }] } });
      assert.ok([ids.admin, ids.apostrophe].every((id) => idsOf(scrum).includes(id)));
    });

    it('refuses a skills filter that is not one before sending anything', () => {
      for (const skills of [[], [{ skillId: 'TypeScript' }], [{ skillId: typescript }, { skillId: typescript }], [{ skillId: typescript, levels: [0] }], [{ skillId: typescript, levels: [6] }], [{ skillId: typescript, levels: [2.5] }]]) {
        throwsProgrammerError(() => encodeWithSkills({ operation: 'and', skills }));
      }
      assert.equal(encodeWithSkills({ operation: 'or', skills: [{ skillId: '7', levels: [3, 3, 1] }] }), '{"7":[3,1],"operation":"or"}');
    });
  });

  describe('malformed answers', () => {
    const user = { id: '1', full_name: 'Ann', email_address: 'ann@x.example', headline: '' };
    const page = (fields: Record<string, unknown>, extra: Record<string, unknown>) => ({
      count: 1,
      meta: { count: 1, page_count: 1, page_number: 1, page_size: 200 },
      results: [{ key: 'users', id: '1' }],
      users: { '1': { ...user, ...fields } },
      ...extra,
    });
    const skill = { name: 'TypeScript', max_level: '5' };
    const membership = { skill_id: '40', level: 3, max_level: 5 };

    it('are refused by the decoders, naming what is wrong', () => {
      const cases: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
        [{ skill_ids: '40' }, { skills: { '40': skill } }, /users\.1\.skill_ids: expected an array/],
        [{ skill_ids: ['forty'] }, { skills: { '40': skill } }, /users\.1\.skill_ids\[0\]: expected an id/],
        [{ skill_ids: ['40'] }, { skills: { '40': { ...skill, max_level: 'lots' } } }, /skills\.40\.max_level: expected a number/],
        [{ skill_ids: ['40'] }, { skills: { '40': { max_level: '5' } } }, /skills\.40\.name: is missing/],
        [{ skill_membership_ids: ['9'] }, { skill_memberships: { '9': { ...membership, skill_id: {} } } }, /skill_memberships\.9\.skill_id: expected an id/],
        [{ skill_ids: ['40'] }, { skills: ['TypeScript'] }, /response\.skills: expected an object/],
      ];
      for (const [fields, extra, problem] of cases) {
        assert.throws(() => decodeUserPage(decodeEnvelope(page(fields, extra))), problem);
      }
    });

    it('reach the caller as an answer that could not be read, through the client', async () => {
      sandbox.injectFault({ path: '/users', kind: 'body', body: page({ skill_ids: ['40'] }, { skills: { '40': { ...skill, max_level: 'lots' } } }) });
      await assert.rejects(client.listUsersOnProject('1', { include: ['skills'] }), (error: unknown) => error instanceof KantataError && error.kind === 'badResponse');
    });

    it('read a level or max_level outside Kantata’s range as none, without failing the listing', () => {
      const decoded = decodeUserPage(
        decodeEnvelope(
          page(
            { skill_ids: ['40', '41'], skill_membership_ids: ['9', '10'] },
            {
              skills: { '40': { ...skill, max_level: '7' }, '41': { name: 'Go', max_level: '5' } },
              skill_memberships: { '9': { ...membership, level: 2.5 }, '10': { ...membership, skill_id: '41', level: 9 } },
            },
          ),
        ),
      ).items[0]!;
      assert.deepEqual(
        decoded.skillsWithLevels?.map(({ skill, level }) => [skill.name, skill.maxLevel, level]),
        [
          ['TypeScript', undefined, undefined],
          ['Go', 5, undefined],
        ],
      );
    });

    it('keep a level above the skill’s max_level out of the levels, and skills the answer left out out of the list', () => {
      const decoded = decodeUserPage(
        decodeEnvelope(
          page(
            { skill_ids: ['40', '41'], skill_membership_ids: ['9'] },
            { skills: { '40': { ...skill, max_level: '1' } }, skill_memberships: { '9': { ...membership, level: 4, max_level: 1 } } },
          ),
        ),
      ).items[0]!;
      assert.deepEqual(decoded.skillsWithLevels, [{ skill: { id: '40', name: 'TypeScript', description: undefined, maxLevel: 1 } }]);
    });
  });
});
