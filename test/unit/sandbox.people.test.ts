import * as assert from 'node:assert/strict';
import { generateDataset, skillIdByName } from '../sandbox/data';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { HIDDEN_ONLY_PROJECT_INDEX, projectWireId } from '../sandbox/projects';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { allUsers, call, envelopeOf, errorsOf, matches, objectsOf, singleUser } from '../support/sandboxHttp';
import type { WireUser } from '../support/sandboxHttp';

const ids = NOTABLE_USER_IDS;
const typescript = skillIdByName('TypeScript');
const kubernetes = skillIdByName('Kubernetes');
const scrumMaster = skillIdByName('Certified ScrumMaster');

interface WireSkill {
  readonly name: string;
  readonly description: string;
  readonly max_level: string;
}

interface WireSkillMembership {
  readonly level: number;
  readonly max_level: number;
  readonly skill_id?: string;
  readonly cached_skill_name: string;
}

const sorted = (values: Iterable<string>) => [...values].sort();

describe('sandbox: people in context (participant_in, by_email_addresses, skills)', () => {
  let sandbox: Sandbox;
  // The sandbox's own data for the default seed, to know who is on which project (the API does not say).
  const dataset = generateDataset();
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const idsOf = async (query: string, token?: string) => sorted((await allUsers(sandbox, query, token)).map((user) => user.id));

  describe('participant_in', () => {
    /** Who the administrator sees on a project: enabled users in it. */
    const onProject = (index: number) =>
      sorted(dataset.users.filter((user) => !user.disabled && user.projectIds.includes(index)).map((user) => user.id));

    it('lists exactly the visible users on the project, paged like any listing', async () => {
      const expected = onProject(0);
      assert.ok(expected.length > 5);
      assert.deepEqual(await idsOf(`participant_in=${projectWireId(0)}`), expected);
      for (const id of [ids.admin, ids.member, ids.accented, ids.greek, ids.partTimer]) {
        assert.ok(expected.includes(id), `${id} is on project 1`);
      }
      assert.ok(!expected.includes(ids.apostrophe) && !expected.includes(ids.disabled));

      const first = envelopeOf(await call(sandbox, `/users?participant_in=${projectWireId(0)}&per_page=3`));
      assert.deepEqual(first.meta, { count: expected.length, page_count: Math.ceil(expected.length / 3), page_number: 1, page_size: 3 });
      const paged: string[] = [];
      for (let page = 1; page <= first.meta.page_count; page++) {
        paged.push(...matches(envelopeOf(await call(sandbox, `/users?participant_in=${projectWireId(0)}&per_page=3&page=${page}`))).map((user) => user.id));
      }
      assert.deepEqual(sorted(paged), expected, 'the pages add up to the whole list, no one twice');
    });

    it('includes an outside user on the project, and every project of the seed together is everyone visible', async () => {
      assert.ok((await idsOf(`participant_in=${projectWireId(1)}`)).includes(ids.outside));
      const projectCount = Math.max(...dataset.users.flatMap((user) => user.projectIds.filter((index) => index !== HIDDEN_ONLY_PROJECT_INDEX))) + 1;
      const union = new Set<string>();
      for (let index = 0; index < projectCount; index++) {
        (await idsOf(`participant_in=${projectWireId(index)}`)).forEach((id) => union.add(id));
      }
      assert.deepEqual(sorted(union), await idsOf(''));
    });

    it('gives an empty list, not an error, for a project only hidden users are on, an unknown project, and a value that is no id', async () => {
      const hiddenOnly = projectWireId(HIDDEN_ONLY_PROJECT_INDEX);
      const empty = envelopeOf(await call(sandbox, `/users?participant_in=${hiddenOnly}`));
      assert.deepEqual([empty.count, empty.results, empty.meta.page_count], [0, [], 0]);
      assert.deepEqual(empty.users, {});
      assert.deepEqual(await idsOf(`participant_in=${hiddenOnly}&show_disabled=true`), [ids.disabled], 'Morgan Ellis (disabled) is on it');
      for (const value of ['99999', '0', '-1', 'abc', '1abc', '1,2', '1.0']) {
        assert.equal(envelopeOf(await call(sandbox, `/users?participant_in=${encodeURIComponent(value)}`)).count, 0, value);
      }
    });

    it("keeps the requester's visibility: a member sees only the project's users who share a project with them", async () => {
      const member = sandbox.memberToken;
      const seen = await idsOf(`participant_in=${projectWireId(2)}`, member);
      assert.ok(seen.includes(ids.admin) && seen.includes(ids.apostrophe), 'project-mates on project 3');
      assert.ok(!seen.includes(ids.arabic) && !seen.includes(ids.noRole), 'not users the member shares no project with');
      const visible = new Set(await idsOf('', member));
      assert.ok(seen.every((id) => visible.has(id)));
    });
  });

  describe('by_email_addresses', () => {
    let everyone: WireUser[];
    beforeEach(async () => {
      everyone = await allUsers(sandbox);
    });
    const addressOf = (id: string) => everyone.find((user) => user.id === id)!.email_address;

    it('lists the users whose address is exactly one of the list, in the usual order', async () => {
      const wanted = [addressOf(ids.member), addressOf(ids.accented), 'nobody@acme-consulting.example'];
      const users = await allUsers(sandbox, `by_email_addresses=${wanted.map(encodeURIComponent).join(',')}`);
      assert.deepEqual(users.map((user) => user.full_name), ['José Müller', 'Sam Taylor']);
    });

    it('matches case-sensitively, and only whole addresses', async () => {
      const sam = addressOf(ids.member);
      const variants = [sam.toUpperCase(), `${sam[0]!.toUpperCase()}${sam.slice(1)}`, sam.split('@')[0]!, `x${sam}`, `${sam}.org`];
      assert.deepEqual(await idsOf(`by_email_addresses=${variants.map(encodeURIComponent).join(',')}`), []);
      assert.deepEqual(await idsOf(`by_email_addresses=${encodeURIComponent(` ${sam} `)}`), [ids.member], 'spaces around an item are not part of it');
    });

    it('takes the repeated and [] forms too, and leaves hidden users out unless asked', async () => {
      const query = `by_email_addresses[]=${encodeURIComponent(addressOf(ids.member))}&by_email_addresses[]=${encodeURIComponent('morgan.ellis@acme-consulting.example')}`;
      assert.deepEqual(await idsOf(query), [ids.member]);
      assert.deepEqual(await idsOf(`${query}&show_disabled=true`), sorted([ids.member, ids.disabled]));
      assert.deepEqual(await idsOf(`by_email_addresses=${encodeURIComponent(addressOf(ids.japanese))}`, sandbox.memberToken), [], 'not visible to the member');
    });

    it('pages a long answer, accepts 200 addresses, and refuses 201 with a 422', async () => {
      const addresses = everyone.slice(0, 130).map((user) => user.email_address);
      const padded = [...addresses, ...Array.from({ length: 70 }, (_, index) => `unknown${index}@example.com`)];
      const query = `by_email_addresses=${padded.map(encodeURIComponent).join(',')}`;
      const first = envelopeOf(await call(sandbox, `/users?${query}&per_page=100`));
      assert.deepEqual([first.count, first.meta.page_count, first.results.length], [130, 2, 100]);
      assert.deepEqual(await idsOf(query), sorted(everyone.slice(0, 130).map((user) => user.id)));

      const tooMany = `by_email_addresses=${[...padded, 'one-more@example.com'].map(encodeURIComponent).join(',')}`;
      const errors = errorsOf(await call(sandbox, `/users?${tooMany}`), 422);
      assert.deepEqual(errors, [{ type: 'validation', field: 'by_email_addresses', message: 'You can specify up to 200 email addresses (got 201).' }]);
    });

    it('an empty value is no filter, like any other parameter', async () => {
      assert.equal(envelopeOf(await call(sandbox, '/users?by_email_addresses=')).count, everyone.length);
    });
  });

  describe('include=skills and include=skill_memberships', () => {
    const show = async (id: string, include: string) => envelopeOf(await call(sandbox, `/users/${id}?include=${include}`));

    it("gives a user's skill_ids and the skills at top level, with max_level as a string", async () => {
      const body = await show(ids.member, 'skills');
      const sam = matches(body)[0]!;
      assert.deepEqual(sam.skill_ids, [typescript, kubernetes, skillIdByName('Terraform')]);
      assert.ok(!('skill_membership_ids' in sam) && !('skill_memberships' in body));
      const skills = objectsOf<WireSkill>(body, 'skills');
      assert.deepEqual(Object.keys(skills).sort(), [...(sam.skill_ids as string[])].sort());
      assert.deepEqual(
        { ...skills[typescript]!, created_at: undefined, updated_at: undefined },
        { id: typescript, name: 'TypeScript', description: 'Typed JavaScript for applications at scale.', max_level: '5', created_at: undefined, updated_at: undefined },
      );
    });

    it('gives the levels through skill_memberships; skill_id only when the skills are included too', async () => {
      const both = await show(ids.member, 'skills,skill_memberships');
      const sam = matches(both)[0]!;
      const memberships = objectsOf<WireSkillMembership>(both, 'skill_memberships');
      const levels = (sam.skill_membership_ids as string[]).map((id) => [memberships[id]!.cached_skill_name, memberships[id]!.level, memberships[id]!.max_level, memberships[id]!.skill_id]);
      assert.deepEqual(levels, [['TypeScript', 4, 5, typescript], ['Kubernetes', 2, 5, kubernetes], ['Terraform', 3, 5, skillIdByName('Terraform')]]);

      const alone = await show(ids.member, 'skill_memberships');
      assert.ok(!('skills' in alone) && !('skill_ids' in matches(alone)[0]!));
      assert.ok(Object.values(objectsOf<WireSkillMembership>(alone, 'skill_memberships')).every((membership) => !('skill_id' in membership)));
    });

    it('a skill without levels: max_level "1" on the skill, level 0 and max_level 1 on the membership', async () => {
      const body = await show(ids.apostrophe, 'skills,skill_memberships');
      assert.equal(objectsOf<WireSkill>(body, 'skills')[scrumMaster]!.max_level, '1');
      const membership = Object.values(objectsOf<WireSkillMembership>(body, 'skill_memberships')).find((candidate) => candidate.skill_id === scrumMaster)!;
      assert.deepEqual([membership.level, membership.max_level], [0, 1]);
    });

    it('an empty list for a user without skills and for an outside user, and the same memberships for the same seed', async () => {
      for (const id of [ids.noRole, ids.outside]) {
        const user = singleUser(await call(sandbox, `/users/${id}?include=skills,skill_memberships`));
        assert.deepEqual([user.skill_ids, user.skill_membership_ids], [[], []], id);
      }
      assert.deepEqual(generateDataset().skillMemberships, dataset.skillMemberships);
      const seeded = new Set(dataset.skills.map((skill) => skill.maxLevel));
      assert.deepEqual(sorted([...seeded].map(String)), ['1', '5'], 'skills with and without levels');
    });
  });

  describe('with_skills', () => {
    /** Everyone's skill levels as the includes tell them: the oracle the filter must agree with. */
    const levelsByUser = new Map<string, Map<string, number>>();
    before(async () => {
      const body = envelopeOf(await call(sandbox, '/users?per_page=200&include=skills,skill_memberships'));
      assert.equal(body.meta.page_count, 1);
      const memberships = objectsOf<WireSkillMembership>(body, 'skill_memberships');
      for (const user of matches(body)) {
        const own = (user.skill_membership_ids as string[]).map((id) => memberships[id]!);
        levelsByUser.set(user.id, new Map(own.map((membership) => [membership.skill_id!, membership.level])));
      }
    });

    const withSkills = (filter: object) => `with_skills=${encodeURIComponent(JSON.stringify(filter))}`;
    const expected = (wanted: Record<string, number[]>, operation: 'and' | 'or') =>
      sorted(
        [...levelsByUser].filter(([, levels]) => {
          const meets = ([skillId, wantedLevels]: [string, number[]]) =>
            levels.has(skillId) && (wantedLevels.length === 0 || wantedLevels.includes(levels.get(skillId)!));
          return operation === 'and' ? Object.entries(wanted).every(meets) : Object.entries(wanted).some(meets);
        }).map(([id]) => id),
      );

    it('keeps the users with a skill at one of the levels; and by default', async () => {
      const found = await idsOf(withSkills({ [typescript]: [4, 5] }));
      assert.deepEqual(found, expected({ [typescript]: [4, 5] }, 'and'));
      assert.ok(found.includes(ids.member) && found.includes(ids.accented), 'Sam (4) and José (5)');
      assert.ok(!found.includes(ids.disabled), 'Morgan (5) is disabled');
      assert.deepEqual(await idsOf(withSkills({ [typescript]: [4, 5], operation: 'and' })), found);
    });

    it('and: every skill; or: any of them; an empty list: any level', async () => {
      const wanted = { [typescript]: [4, 5], [kubernetes]: [] };
      const all = await idsOf(withSkills({ ...wanted, operation: 'and' }));
      const any = await idsOf(withSkills({ ...wanted, operation: 'or' }));
      assert.deepEqual(all, expected(wanted, 'and'));
      assert.deepEqual(any, expected(wanted, 'or'));
      assert.ok(all.includes(ids.member) && !all.includes(ids.accented));
      assert.ok(any.includes(ids.member) && any.includes(ids.accented) && any.includes(ids.cyrillic));
      assert.ok(all.length < any.length);
    });

    it('a skill without levels is asked for with an empty list (its memberships have level 0)', async () => {
      const found = await idsOf(withSkills({ [scrumMaster]: [] }));
      assert.ok(found.includes(ids.admin) && found.includes(ids.apostrophe));
      assert.deepEqual(found, expected({ [scrumMaster]: [] }, 'and'));
      assert.deepEqual(await idsOf(withSkills({ [scrumMaster]: [1] })), []);
    });

    it('combines with participant_in and paging, and an unknown skill matches nobody', async () => {
      const found = await idsOf(`participant_in=${projectWireId(0)}&${withSkills({ [typescript]: [4, 5] })}`);
      assert.ok(found.includes(ids.member) && found.includes(ids.accented));
      assert.ok(found.length < (await idsOf(`participant_in=${projectWireId(0)}`)).length);
      assert.equal(envelopeOf(await call(sandbox, `/users?${withSkills({ 987654: [] })}`)).count, 0);
      assert.equal(envelopeOf(await call(sandbox, `/users?${withSkills({ 987654: [], [typescript]: [], operation: 'or' })}`)).count, expected({ [typescript]: [] }, 'and').length);
    });

    it('refuses a malformed value with a 400, as for other malformed parameters', async () => {
      const malformed = [
        'TypeScript',
        `{'${typescript}':[4],'operation':'or'}`,
        '[]',
        '{}',
        '{"operation":"and"}',
        '{"typescript":[4]}',
        `{"${typescript}":[6]}`,
        `{"${typescript}":[2.5]}`,
        `{"${typescript}":"4"}`,
        `{"${typescript}":["4"]}`,
        `{"${typescript}":[4],"operation":"xor"}`,
      ];
      for (const value of malformed) {
        const errors = errorsOf(await call(sandbox, `/users?with_skills=${encodeURIComponent(value)}`), 400);
        assert.equal(errors[0]!.type, 'system');
        assert.match(errors[0]!.message, /^Invalid value for with_skills: /, value);
      }
    });
  });
});
