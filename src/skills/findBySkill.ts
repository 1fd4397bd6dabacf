import * as vscode from 'vscode';
import { offerSignIn } from '../accounts/accountCommands';
import type { AccountSession } from '../accounts/accountSession';
import type { KantataSession } from '../accounts/session';
import type { WeekAheadState, WeekAheadStore } from '../capacity/weekAheadStore';
import { asKantataError, type KantataError } from '../kantata/errors';
import type { User } from '../kantata/types';
import { formatNumber } from '../locale/displayLanguage';
import { openSetting } from '../settings/connectionSettings';
import { Commands, Settings } from '../shared/ids';
import { compareByName } from '../teammates/teammateGrouping';
import type { GroupNode, UserNode } from '../teammates/teammateNodes';
import { readQuerySettings } from '../teammates/teammatesSettings';
import { TEAMMATE_SELECTION } from '../teammates/teammatesStore';
import { hasLevels, levelChoices, listPeopleWithSkill, skillChoiceText, type SkillEntry, type SkillScope } from './skillCatalogue';
import type { SkillCatalogueStore } from './skillCatalogueStore';
import type { FailureAction, LiveState, PersonRow, ResultsAnswer, SkillPrompts, StepState } from './skillPrompts';

export interface FindBySkillParts {
  readonly session: KantataSession;
  readonly catalogues: SkillCatalogueStore;
  readonly weekAhead: WeekAheadStore;
  readonly log: vscode.LogOutputChannel;
  /** Read at each run: the tests swap them. */
  readonly prompts: () => SkillPrompts;
}

/** Kantata: Find by Skill. Resolves true when a profile or Team Availability was opened. */
export function registerFindBySkill(parts: FindBySkillParts): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.findBySkill, async () => {
    const account = parts.session.current;
    if (!account) {
      offerSignIn(vscode.l10n.t('Sign in to Kantata to find people by skill.'));
      return false;
    }
    const run = new FindBySkillRun(parts, account);
    try {
      return await run.run();
    } finally {
      run.dispose();
    }
  });
}

/** A state shown by a step, changed by the command as answers come. */
class LiveStateSource<T> implements LiveState<T> {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  current: StepState<T> = { kind: 'loading' };

  set(state: StepState<T>): void {
    this.current = state;
    this.emitter.fire();
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

function weekText(state: WeekAheadState | undefined): string {
  if (state?.kind === 'known') {
    return state.weekAhead.text;
  }
  return state?.kind === 'failed' ? vscode.l10n.t('This week’s hours could not be loaded') : vscode.l10n.t('Loading this week…');
}

/** One run of the command: skill → level (for skills with levels) → people, with Back between them. */
class FindBySkillRun {
  /** Aborted when the run ends or the account is left: stops every request of the run, and closes the step shown. */
  private readonly controller = new AbortController();
  private readonly until: AbortSignal;
  private readonly scope: SkillScope;

  constructor(
    private readonly parts: FindBySkillParts,
    private readonly account: AccountSession,
  ) {
    this.until = AbortSignal.any([this.controller.signal, account.signal]);
    const settings = readQuerySettings();
    // The Teammates view's scope: the skills and people offered are among those it lists.
    this.scope = { onMyAccount: settings.scope === 'account' ? true : undefined, showDisabled: settings.showDisabled ? true : undefined };
  }

  dispose(): void {
    this.controller.abort();
  }

  async run(): Promise<boolean> {
    let skill: SkillEntry | undefined;
    let minLevel: number | undefined;
    for (let step: 'skill' | 'level' | 'people' = 'skill'; ; ) {
      if (step === 'skill') {
        skill = await this.askSkill();
        minLevel = undefined;
        step = skill && hasLevels(skill) ? 'level' : 'people';
      } else if (step === 'level' && skill) {
        const answer = await this.parts.prompts().pickLevel(skill, levelChoices(skill), this.until);
        if (!answer) {
          return false;
        }
        minLevel = answer.kind === 'level' ? answer.choice.minLevel : undefined;
        step = answer.kind === 'back' ? 'skill' : 'people';
      } else if (skill) {
        const answer = await this.showPeople(skill, minLevel);
        if (answer === 'back') {
          step = hasLevels(skill) ? 'level' : 'skill';
        } else {
          return answer;
        }
      }
      if (!skill || this.until.aborted) {
        return false;
      }
    }
  }

  /** Step 1 until a skill is chosen (undefined: dismissed). Reload and Retry load the catalogue again. */
  private async askSkill(): Promise<SkillEntry | undefined> {
    const state = new LiveStateSource<readonly SkillEntry[]>();
    const load = (fresh: boolean) => {
      state.set({ kind: 'loading', message: vscode.l10n.t('Loading skills…') });
      const account = { accountId: this.account.account.id, client: this.account.client };
      const onProgress = ({ usersLoaded, total }: { usersLoaded: number; total: number }) =>
        state.set({ kind: 'loading', message: vscode.l10n.t('Loading skills: {0} of {1} people', formatNumber(usersLoaded), formatNumber(total)) });
      this.parts.catalogues.get(account, { scope: this.scope, signal: this.until, onProgress, fresh }).then(
        (catalogue) => state.set({ kind: 'loaded', value: catalogue }),
        (error: unknown) => state.set({ kind: 'failed', error: this.failure(error, 'skills') }),
      );
    };
    try {
      load(false);
      for (;;) {
        const answer = await this.parts.prompts().pickSkill(state, this.until);
        if (!answer || this.until.aborted) {
          return undefined;
        }
        if (answer.kind === 'skill') {
          return answer.skill;
        }
        if (answer.kind === 'reload' || (await this.follow(answer.action)) === 'retry') {
          load(true);
        }
      }
    } finally {
      state.dispose();
    }
  }

  /** Step 3: the people with the skill, their week ahead filling in. Back, dismissed (false), or opened (true). */
  private async showPeople(skill: SkillEntry, minLevel: number | undefined): Promise<boolean | 'back'> {
    const step = new AbortController();
    const signal = AbortSignal.any([step.signal, this.until]);
    const state = new LiveStateSource<readonly PersonRow[]>();
    let people: readonly User[] = [];
    const rows = () => people.map((user) => ({ user, week: weekText(this.parts.weekAhead.get(this.account.account.id, user.id)) }));
    const listener = this.parts.weekAhead.onDidChange((userIds) => {
      if (state.current.kind === 'loaded' && userIds.some((id) => people.some((user) => user.id === id))) {
        state.set({ kind: 'loaded', value: rows() });
      }
    });
    const load = () => {
      state.set({ kind: 'loading', message: vscode.l10n.t('Finding people…') });
      listPeopleWithSkill(this.account.client, { scope: this.scope, skill, minLevel, selection: TEAMMATE_SELECTION }, { signal }).then(
        (users) => {
          people = [...users].sort(compareByName);
          state.set({ kind: 'loaded', value: rows() });
          const weekAccount = { accountId: this.account.account.id, fetcher: this.account.client };
          this.parts.weekAhead.request(weekAccount, people.map((user) => user.id), signal).catch(() => undefined);
        },
        (error: unknown) => state.set({ kind: 'failed', error: this.failure(error, 'people') }),
      );
    };
    try {
      load();
      const choice = skillChoiceText(skill, minLevel);
      for (;;) {
        const answer = await this.parts.prompts().showResults({ choice, state }, this.until);
        if (!answer || this.until.aborted) {
          return false;
        }
        if (answer.kind !== 'failure') {
          return this.act(answer, choice, people);
        }
        if ((await this.follow(answer.action)) === 'retry') {
          load();
        }
      }
    } finally {
      step.abort();
      listener.dispose();
      state.dispose();
    }
  }

  private async act(answer: Exclude<ResultsAnswer, { kind: 'failure' }>, choice: string, people: readonly User[]): Promise<boolean | 'back'> {
    switch (answer.kind) {
      case 'back':
        return 'back';
      case 'open':
        // The tree's own command, with a row of the person: the profile opens from the user found.
        return Boolean(await vscode.commands.executeCommand(Commands.openProfile, { kind: 'user', user: answer.user, parent: undefined } satisfies UserNode));
      case 'availability': {
        const group: GroupNode = { kind: 'group', group: { key: `skill:${choice}`, label: choice, users: people } };
        return Boolean(await vscode.commands.executeCommand(Commands.showTeamAvailability, group));
      }
    }
  }

  /** Runs a failure's action other than Retry; says whether the step should load again. */
  private async follow(action: FailureAction): Promise<'retry' | 'stay'> {
    if (action === 'retry') {
      return 'retry';
    }
    if (action === 'openSettings') {
      await openSetting(Settings.baseUrl); // the connection settings (base URL, time-out, proxy, certificates) are together
    } else {
      await vscode.commands.executeCommand(action === 'signIn' ? Commands.signIn : Commands.showLogs);
    }
    return 'stay';
  }

  /** A failed load: a rejected token signs the account out (which ends the run); the rest is logged and shown. */
  private failure(error: unknown, step: 'skills' | 'people'): KantataError {
    const failure = asKantataError(
      error,
      step === 'skills'
        ? vscode.l10n.t({ message: 'Loading the skills', args: [], comment: ['Subject of a sentence: the step that failed unexpectedly'] })
        : vscode.l10n.t({ message: 'Finding people by skill', args: [], comment: ['Subject of a sentence: the step that failed unexpectedly'] }),
    );
    if (failure.kind !== 'cancelled' && !this.account.reportFailure(error)) {
      // The log stays English (support reads it).
      this.parts.log.warn(`${step === 'skills' ? 'Loading the skills' : 'Finding people by skill'} failed (${failure.kind}): ${failure.userMessage}`);
    }
    return failure;
  }
}
