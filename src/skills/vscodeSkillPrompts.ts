import * as vscode from 'vscode';
import type { KantataError } from '../kantata/errors';
import { clipText, iconLabelText } from '../shared/displayText';
import { peopleText, resultsTitle, skillKindText, type LevelChoice, type SkillEntry } from './skillCatalogue';
import type { FailureAction, LevelAnswer, LiveState, PersonRow, ResultsAnswer, ResultsStep, SkillAnswer, SkillPrompts, StepState } from './skillPrompts';

interface Item<A> extends vscode.QuickPickItem {
  /** What accepting the item answers; none for a message row. */
  readonly answer?: A;
}

interface PersonItem extends Item<ResultsAnswer> {
  readonly userId?: string;
  readonly email?: string;
}

/** A way forward from a failure, as its row reads: `$(refresh) Retry`. */
function actionLabel(action: FailureAction): string {
  switch (action) {
    case 'retry':
      return `$(refresh) ${vscode.l10n.t('Retry')}`;
    case 'signIn':
      return `$(sign-in) ${vscode.l10n.t('Sign In')}`;
    case 'openSettings':
      return `$(gear) ${vscode.l10n.t('Open Settings')}`;
    case 'showLogs':
      return `$(output) ${vscode.l10n.t('Show Logs')}`;
  }
}

/** A failed step: its message, then a row per way forward (the error's remedies, and the logs). */
function failureItems<A>(error: KantataError, answerOf: (action: FailureAction) => A): Item<A>[] {
  const actions: FailureAction[] = [...error.remedies, 'showLogs'];
  return [
    { label: `$(error) ${iconLabelText(clipText(error.userMessage, 300))}` },
    ...actions.map((action): Item<A> => ({ label: actionLabel(action), answer: answerOf(action) })),
  ];
}

/**
 * Shows `picker` until an item or button answers, it is dismissed, or `until` aborts; `render` fills it and runs
 * again each time `state` changes. Disposes the picker and its listeners.
 */
function ask<I extends Item<A>, A, T>(
  picker: vscode.QuickPick<I>,
  until: AbortSignal,
  state: LiveState<T> | undefined,
  render: () => void,
  onButton: (button: vscode.QuickInputButton) => A | undefined,
  onItemButton: (event: vscode.QuickPickItemButtonEvent<I>) => void = () => undefined,
): Promise<A | undefined> {
  return new Promise<A | undefined>((resolve) => {
    const finish = (answer: A | undefined) => {
      resolve(answer);
      picker.hide();
    };
    const hideOnAbort = () => picker.hide();
    until.addEventListener('abort', hideOnAbort, { once: true });
    const listeners: vscode.Disposable[] = [
      ...(state ? [state.onDidChange(render)] : []),
      picker.onDidAccept(() => {
        const answer = picker.selectedItems[0]?.answer;
        if (answer !== undefined) {
          finish(answer);
        }
      }),
      picker.onDidTriggerButton((button) => {
        const answer = onButton(button);
        if (answer !== undefined) {
          finish(answer);
        }
      }),
      picker.onDidTriggerItemButton(onItemButton),
      picker.onDidHide(() => {
        until.removeEventListener('abort', hideOnAbort);
        listeners.forEach((listener) => listener.dispose());
        picker.dispose();
        resolve(undefined);
      }),
    ];
    render();
    picker.show();
    if (until.aborted) {
      picker.hide();
    }
  });
}

/** Step 1's rows for a state of the catalogue. */
export function skillItems(state: StepState<readonly SkillEntry[]>): Item<SkillAnswer>[] {
  if (state.kind === 'failed') {
    return failureItems<SkillAnswer>(state.error, (action) => ({ kind: 'failure', action }));
  }
  if (state.kind === 'loading') {
    return [];
  }
  if (state.value.length === 0) {
    return [{ label: `$(info) ${vscode.l10n.t('Nobody you can see has any skills in Kantata.')}` }];
  }
  return state.value.map((skill) => ({
    label: iconLabelText(skill.name),
    description: skillKindText(skill),
    detail: peopleText(skill.people),
    answer: { kind: 'skill', skill },
  }));
}

/** Step 3's rows for a state of the search. */
export function personItems(state: StepState<readonly PersonRow[]>, choice: string): PersonItem[] {
  if (state.kind === 'failed') {
    return failureItems<ResultsAnswer>(state.error, (action) => ({ kind: 'failure', action }));
  }
  if (state.kind === 'loading') {
    return [];
  }
  if (state.value.length === 0) {
    return [{ label: `$(info) ${vscode.l10n.t('Nobody you can see has {0}. Press Enter to go back.', iconLabelText(choice))}`, answer: { kind: 'back' } }];
  }
  const copyEmailButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('copy'), tooltip: vscode.l10n.t('Copy Email') };
  return state.value.map(({ user, week }) => ({
    label: iconLabelText(user.fullName),
    description: iconLabelText([user.role?.name, user.headline].filter(Boolean).join(' \u00b7 ')),
    detail: iconLabelText(week),
    answer: { kind: 'open', user },
    userId: user.id,
    email: user.emailAddress || undefined,
    buttons: user.emailAddress ? [copyEmailButton] : [],
  }));
}

/** Find by Skill's steps as QuickPicks. */
export class VsCodeSkillPrompts implements SkillPrompts {
  pickSkill(state: LiveState<readonly SkillEntry[]>, until: AbortSignal): Promise<SkillAnswer | undefined> {
    const picker = vscode.window.createQuickPick<Item<SkillAnswer>>();
    picker.title = vscode.l10n.t('Kantata: Find by Skill');
    picker.matchOnDescription = true;
    const reloadButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: vscode.l10n.t('Reload skills') };
    picker.buttons = [reloadButton];
    const render = () => {
      const current = state.current;
      picker.busy = current.kind === 'loading';
      picker.placeholder = current.kind === 'loading' ? (current.message ?? vscode.l10n.t('Loading skills…')) : current.kind === 'failed' ? vscode.l10n.t("Couldn't load the skills") : vscode.l10n.t('Which skill? Type to filter');
      picker.items = skillItems(current);
    };
    return ask<Item<SkillAnswer>, SkillAnswer, readonly SkillEntry[]>(picker, until, state, render, (button) => (button === reloadButton ? { kind: 'reload' } : undefined));
  }

  pickLevel(skill: SkillEntry, choices: readonly LevelChoice[], until: AbortSignal): Promise<LevelAnswer | undefined> {
    const picker = vscode.window.createQuickPick<Item<LevelAnswer>>();
    picker.title = vscode.l10n.t('Kantata: Find by Skill: {0}', skill.name);
    picker.placeholder = vscode.l10n.t('At which level?');
    picker.buttons = [vscode.QuickInputButtons.Back];
    const render = () => {
      picker.items = choices.map((choice) => ({ label: choice.label, description: peopleText(choice.people), answer: { kind: 'level', choice } }));
    };
    return ask<Item<LevelAnswer>, LevelAnswer, never>(picker, until, undefined, render, (button) => (button === vscode.QuickInputButtons.Back ? { kind: 'back' } : undefined));
  }

  showResults(step: ResultsStep, until: AbortSignal): Promise<ResultsAnswer | undefined> {
    const picker = vscode.window.createQuickPick<PersonItem>();
    picker.matchOnDescription = true;
    picker.keepScrollPosition = true;
    const availabilityButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('calendar'), tooltip: vscode.l10n.t('Show Team Availability for these people') };
    const render = () => {
      const current = step.state.current;
      const count = current.kind === 'loaded' ? current.value.length : undefined;
      picker.title = resultsTitle(step.choice, count);
      picker.busy = current.kind === 'loading';
      picker.placeholder = current.kind === 'loading' ? (current.message ?? vscode.l10n.t('Finding people…')) : current.kind === 'failed' ? vscode.l10n.t("Couldn't find the people") : vscode.l10n.t('Enter opens the profile');
      picker.buttons = count ? [vscode.QuickInputButtons.Back, availabilityButton] : [vscode.QuickInputButtons.Back];
      // The week ahead fills in row by row: the row the user is on stays the active one.
      const activeId = picker.activeItems[0]?.userId;
      picker.items = personItems(current, step.choice);
      const active = activeId === undefined ? undefined : picker.items.find((item) => item.userId === activeId);
      if (active) {
        picker.activeItems = [active];
      }
    };
    const onButton = (button: vscode.QuickInputButton): ResultsAnswer | undefined =>
      button === vscode.QuickInputButtons.Back ? { kind: 'back' } : button === availabilityButton ? { kind: 'availability' } : undefined;
    const copyEmail = async ({ item }: vscode.QuickPickItemButtonEvent<PersonItem>) => {
      if (item.email) {
        await vscode.env.clipboard.writeText(item.email);
        vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', iconLabelText(clipText(item.email.replace(/\s+/g, ' '), 80))), 3000);
      }
    };
    return ask(picker, until, step.state, render, onButton, (event) => void copyEmail(event));
  }
}
