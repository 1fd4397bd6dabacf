import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { AvailabilityPanelProbe, KantataTestApi } from '../../src/testApi';
import { KantataError } from '../../src/kantata/errors';
import type { PersonRow } from '../../src/skills/skillPrompts';
import { personItems, skillItems } from '../../src/skills/vscodeSkillPrompts';
import { generateDataset, skillIdByName } from '../sandbox/data';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { Sandbox, startSandbox } from '../sandbox/server';
import { activateExtension, waitFor } from './support/extensionUnderTest';
import { WEEK_AHEAD_TEXT } from '../support/weekAheadText';
import { ScriptedSkillPrompts, type ShownStep, whenLoaded, whenState } from './support/scriptedSkillPrompts';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { recordWindow } from './support/windowRecorder';

/** Makes `item` the active row the way a user's arrow keys do, then presses Enter in the real QuickPick. */
async function acceptInWorkbench(picker: vscode.QuickPick<vscode.QuickPickItem>, item: vscode.QuickPickItem): Promise<void> {
  const active = new Promise<void>((resolve) => {
    const listener = picker.onDidChangeActive((items) => {
      if (items[0] === item) {
        listener.dispose();
        resolve();
      }
    });
  });
  picker.activeItems = [item];
  await active;
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

describe('Find by Skill', function () {
  this.timeout(60_000);
  let api: KantataTestApi;
  let sandbox: Sandbox;
  // The sandbox's own data for the default seed: who holds which skill at which level.
  const dataset = generateDataset();
  /** Whom the administrator sees: enabled users on a project. */
  const visible = new Set(dataset.users.filter((user) => !user.disabled && user.projectIds.length > 0).map((user) => user.id));
  const holders = (skillId: string, levels?: number[]) =>
    dataset.skillMemberships
      .filter((membership) => membership.skillId === skillId && (!levels || levels.includes(membership.level)) && visible.has(membership.userId))
      .map((membership) => membership.userId)
      .sort();

  const typescript = skillIdByName('TypeScript');
  /** The dataset's users with these ids. */
  const usersWithIds = (ids: readonly string[]) => dataset.users.filter((user) => ids.includes(user.id)).map((user) => ({ id: user.id, fullName: user.full_name }));
  const scrumMaster = skillIdByName('Certified ScrumMaster');
  const catalogueListings = () => sandbox.requests.filter((request) => request.path === '/api/v1/users' && request.query.include === 'skills,skill_memberships');
  const skillListings = () => sandbox.requests.filter((request) => request.path === '/api/v1/users' && request.query.with_skills !== undefined);

  /** Runs the command with the script, and returns what it resolved with and what it showed. */
  async function findBySkill(script: ConstructorParameters<typeof ScriptedSkillPrompts>[0]): Promise<{ result: unknown; prompts: ScriptedSkillPrompts }> {
    const prompts = new ScriptedSkillPrompts(script);
    api.setSkillPrompts(prompts);
    try {
      return { result: await vscode.commands.executeCommand('kantata.findBySkill'), prompts };
    } finally {
      api.setSkillPrompts(undefined);
    }
  }

  /** Step 1's answer: the skill with this id, once the catalogue is in. */
  const chooseSkill = (skillId: string) => async (shown: ShownStep) => {
    assert.equal(shown.step, 'skill');
    const catalogue = await whenLoaded(shown.state);
    const skill = catalogue.find((entry) => entry.id === skillId);
    assert.ok(skill, `skill ${skillId} is in the catalogue`);
    return { kind: 'skill' as const, skill };
  };
  const chooseLevel = (minLevel: number | undefined) => (shown: ShownStep) => {
    assert.equal(shown.step, 'level');
    const choice = shown.choices.find((candidate) => candidate.minLevel === minLevel);
    assert.ok(choice);
    return { kind: 'level' as const, choice };
  };
  /** The people found, once every one's week ahead is known. */
  async function peopleWithWeeks(shown: ShownStep): Promise<readonly PersonRow[]> {
    assert.equal(shown.step, 'results');
    const state = await whenState(shown.results.state, (candidate) =>
      candidate.kind === 'failed' || (candidate.kind === 'loaded' && candidate.value.every((row) => !row.week.startsWith('Loading'))),
    );
    assert.equal(state.kind, 'loaded', state.kind === 'failed' ? state.error.userMessage : '');
    return state.kind === 'loaded' ? state.value : [];
  }

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox();
    await afterLoad(api, () => signInTo(api, sandbox));
  });

  beforeEach(() => sandbox.reset());

  afterEach(() => {
    api.availability.panels.forEach((panel) => panel.panel.dispose());
    api.setSkillPrompts(undefined);
  });

  after(async () => {
    await signOutAndReset(api);
    await sandbox.close();
  });

  it('a skill with levels: the level reaches with_skills, the sandbox\u2019s holders come with their week, Enter opens the profile', async () => {
    let rows: readonly PersonRow[] = [];
    let choiceShown = '';
    const { result, prompts } = await findBySkill([
      chooseSkill(typescript),
      chooseLevel(4),
      async (shown) => {
        rows = await peopleWithWeeks(shown);
        choiceShown = shown.step === 'results' ? shown.results.choice : '';
        return { kind: 'open', user: rows[0]!.user };
      },
    ]);
    assert.equal(result, true);
    assert.deepEqual(prompts.steps, ['skill', 'level', 'results']);
    assert.equal(catalogueListings().length, 1, 'the catalogue: one listing of 140 people');
    assert.equal(choiceShown, 'TypeScript (level \u2265 4)');
    assert.deepEqual(rows.map((row) => row.user.id).sort(), holders(typescript, [4, 5]));
    assert.ok(rows.every((row) => WEEK_AHEAD_TEXT.test(row.week)), rows.map((row) => row.week).join('; '));
    assert.deepEqual(skillListings().map((request) => request.query.with_skills), [`{"${typescript}":[4,5],"operation":"and"}`]);
    assert.equal(skillListings()[0]!.query.include, 'role', 'the people come as the tree loads them');
    assert.ok(api.profiles.get(rows[0]!.user.id), 'the profile of the person chosen is open');
  });

  it('a certification skips the level step; the catalogue is not loaded again; the button opens Team Availability for exactly the result', async () => {
    let rows: readonly PersonRow[] = [];
    let opened: AvailabilityPanelProbe | undefined;
    const listener = api.availability.onDidOpen((panel) => (opened = panel));
    try {
      const { result, prompts } = await findBySkill([
        chooseSkill(scrumMaster),
        async (shown) => {
          rows = await peopleWithWeeks(shown);
          return { kind: 'availability' };
        },
      ]);
      assert.equal(result, true);
      assert.deepEqual(prompts.steps, ['skill', 'results']);
    } finally {
      listener.dispose();
    }
    assert.deepEqual(rows.map((row) => row.user.id).sort(), holders(scrumMaster));
    assert.ok(rows.some((row) => row.user.id === NOTABLE_USER_IDS.admin) && rows.some((row) => row.user.id === NOTABLE_USER_IDS.apostrophe));
    assert.deepEqual(skillListings().map((request) => request.query.with_skills), [`{"${scrumMaster}":[],"operation":"and"}`]);
    assert.equal(catalogueListings().length, 0, 'the catalogue of the first run was kept');
    assert.ok(opened);
    assert.deepEqual(opened.people.map((person) => person.id).sort(), holders(scrumMaster));
    assert.equal(opened.panel.title, 'Availability: Certified ScrumMaster');
  });

  it('Back goes to the level, then the skill; Escape ends the command', async () => {
    const { result, prompts } = await findBySkill([
      chooseSkill(typescript),
      chooseLevel(2),
      () => ({ kind: 'back' }),
      (shown) => {
        assert.equal(shown.step, 'level');
        return { kind: 'back' };
      },
      chooseSkill(scrumMaster),
      () => ({ kind: 'back' }),
      (shown) => {
        assert.equal(shown.step, 'skill', 'a certification goes back to the skills');
        return undefined;
      },
    ]);
    assert.equal(result, false);
    assert.deepEqual(prompts.steps, ['skill', 'level', 'results', 'level', 'skill', 'results', 'skill']);
    assert.equal(catalogueListings().length, 0);
  });

  it('a failure shows its message with Retry, and Retry finds the people with the same choice', async () => {
    sandbox.injectFault({ method: 'GET', path: '/users', kind: 'status', status: 500, times: 1 });
    let message = '';
    const { result } = await findBySkill([
      chooseSkill(typescript),
      chooseLevel(5),
      async (shown) => {
        assert.equal(shown.step, 'results');
        const state = await whenState(shown.results.state, (candidate) => candidate.kind !== 'loading');
        assert.ok(state.kind === 'failed');
        assert.ok(state.error.remedies.includes('retry'));
        message = state.error.userMessage;
        return { kind: 'failure', action: 'retry' };
      },
      async (shown) => {
        const rows = await peopleWithWeeks(shown);
        assert.deepEqual(rows.map((row) => row.user.id).sort(), holders(typescript, [5]));
        return undefined;
      },
    ]);
    assert.equal(result, false);
    assert.match(message, /Kantata/);
    assert.deepEqual(skillListings().map((request) => [request.status, request.query.with_skills]), [
      [500, `{"${typescript}":[5],"operation":"and"}`],
      [200, `{"${typescript}":[5],"operation":"and"}`],
    ]);
  });

  it('Reload skills loads the catalogue again; Escape while the people load stops their request', async () => {
    const { result } = await findBySkill([
      (shown) => {
        assert.equal(shown.step, 'skill');
        return { kind: 'reload' };
      },
      chooseSkill(typescript),
      (shown) => {
        sandbox.injectFault({ method: 'GET', path: '/users', kind: 'hold', times: 1 });
        return chooseLevel(undefined)(shown);
      },
      async (shown) => {
        assert.equal(shown.step, 'results');
        await waitFor(() => sandbox.heldCount === 1, 'the people\u2019s request to be held');
        return undefined;
      },
    ]);
    assert.equal(result, false);
    assert.equal(catalogueListings().length, 1);
    await waitFor(() => sandbox.heldCount === 0, 'the extension to drop the held request');
    const [held] = skillListings();
    assert.equal(held?.query.with_skills, `{"${typescript}":[],"operation":"and"}`);
    assert.equal(held?.status, 0, 'never answered');
  });

  it('nobody found: the step says so, and its row goes back', async () => {
    let shownState: unknown;
    const { result, prompts } = await findBySkill([
      async (shown) => {
        const answer = await chooseSkill(scrumMaster)(shown);
        // Kantata may find nobody (say, the skill was taken away since the list of skills was loaded).
        const empty = { count: 0, meta: { count: 0, page_count: 0, page_number: 1, page_size: 200 }, results: [], users: {} };
        sandbox.injectFault({ method: 'GET', path: '/users', kind: 'body', body: empty, times: 1 });
        return answer;
      },
      async (shown) => {
        assert.equal(shown.step, 'results');
        const state = await whenState(shown.results.state, (candidate) => candidate.kind !== 'loading');
        shownState = state;
        const rows = personItems(state, shown.results.choice);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.label, '$(info) Nobody you can see has Certified ScrumMaster. Press Enter to go back.');
        return rows[0]!.answer;
      },
      () => undefined,
    ]);
    assert.equal(result, false);
    assert.deepEqual(shownState, { kind: 'loaded', value: [] });
    assert.deepEqual(prompts.steps, ['skill', 'results', 'skill']);
  });

  it('in the real QuickPicks: skill, level, then the people with their week and their count in the title; Enter opens the profile', async () => {
    const recording = recordWindow();
    try {
      const running = vscode.commands.executeCommand('kantata.findBySkill');
      const picker = (index: number) => recording.createdQuickPicks[index];
      const rowLabelled = (index: number, label: string) => picker(index)?.items.find((row) => row.label === label);
      await waitFor(() => rowLabelled(0, 'TypeScript') !== undefined, 'the skills in the first QuickPick');
      assert.equal(picker(0)!.title, 'Kantata: Find by Skill');
      assert.equal(rowLabelled(0, 'TypeScript')!.description, 'levels 1\u20135');
      assert.equal(rowLabelled(0, 'Certified ScrumMaster')!.description, 'certification');
      await acceptInWorkbench(picker(0)!, rowLabelled(0, 'TypeScript')!);
      await waitFor(() => rowLabelled(1, 'Level 4 or higher') !== undefined, 'the levels in the second QuickPick');
      assert.equal(rowLabelled(1, 'Level 4 or higher')!.description, `${holders(typescript, [4, 5]).length} people`);
      await acceptInWorkbench(picker(1)!, rowLabelled(1, 'Level 4 or higher')!);
      const expected = holders(typescript, [4, 5]);
      await waitFor(
        () => (picker(2)?.items.length ?? 0) === expected.length && picker(2)!.items.every((row) => row.detail !== undefined && !row.detail.startsWith('Loading')),
        () => `the people and their week in the third QuickPick (${picker(2)?.items.map((row) => row.detail).join('; ') ?? 'none yet'})`,
      );
      assert.equal(picker(2)!.title, `TypeScript (level \u2265 4): ${expected.length} people`);
      const first = picker(2)!.items[0]!;
      await acceptInWorkbench(picker(2)!, first);
      assert.equal(await running, true);
      const opened = usersWithIds(expected).find((user) => user.fullName === first.label);
      assert.ok(opened && api.profiles.get(opened.id), 'the profile of the row accepted is open');
    } finally {
      recording.restore();
    }
  });

  it('the QuickPick rows: skills with their kind and people, people with role and week, failures with their ways forward', () => {
    const skill = { id: '1', name: 'Terraform $(alert)', maxLevel: 5, people: 2, peopleAtLevel: [0, 1, 0, 0, 0, 1] };
    const [row] = skillItems({ kind: 'loaded', value: [skill] });
    assert.deepEqual([row?.label, row?.description, row?.detail], ['Terraform \\$(alert)', 'levels 1\u20135', '2 people'], 'API text draws no icon');
    assert.deepEqual(skillItems({ kind: 'loaded', value: [] }).map((item) => [item.label, item.answer]), [['$(info) Nobody you can see has any skills in Kantata.', undefined]]);
    assert.deepEqual(skillItems({ kind: 'loading' }), []);
    const failed = skillItems({ kind: 'failed', error: new KantataError({ kind: 'server', userMessage: 'Kantata had a problem.', remedies: ['retry'] }) });
    assert.deepEqual(failed.map((item) => [item.label, item.answer]), [
      ['$(error) Kantata had a problem.', undefined],
      ['$(refresh) Retry', { kind: 'failure', action: 'retry' }],
      ['$(output) Show Logs', { kind: 'failure', action: 'showLogs' }],
    ]);
    const user = { id: '7', fullName: 'Ann Lee', emailAddress: 'ann@x.example', headline: 'Platform', role: { id: '1', name: 'Engineer' } };
    const [person] = personItems({ kind: 'loaded', value: [{ user, week: 'This week: 32 of 40 h' }] }, 'Terraform');
    assert.deepEqual([person?.label, person?.description, person?.detail, person?.answer], ['Ann Lee', 'Engineer \u00b7 Platform', 'This week: 32 of 40 h', { kind: 'open', user }]);
    assert.equal(person?.buttons?.length, 1, 'Copy Email');
  });

  it('another account drops the catalogue: it is loaded again, with that account\u2019s people', async () => {
    await afterLoad(api, () => signInTo(api, sandbox, sandbox.memberToken));
    let catalogueSize = 0;
    const { result } = await findBySkill([
      async (shown) => {
        assert.equal(shown.step, 'skill');
        catalogueSize = (await whenLoaded(shown.state)).length;
        return undefined;
      },
    ]);
    assert.equal(result, false);
    const listings = catalogueListings();
    assert.equal(listings.length, 1);
    assert.equal(listings[0]!.headers.authorization, `Bearer ${sandbox.memberToken}`);
    assert.ok(catalogueSize > 0);
  });
});
