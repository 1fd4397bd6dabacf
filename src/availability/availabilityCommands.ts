import * as vscode from 'vscode';
import { offerSignIn } from '../accounts/accountCommands';
import { KantataSession } from '../accounts/session';
import { CapacityCache } from '../capacity/capacityCache';
import type { User } from '../kantata/types';
import { PhotoCache } from '../photos/photoCache';
import { initialsOf } from '../profile/profileData';
import { iconLabelText } from '../shared/displayText';
import { Commands } from '../shared/ids';
import { formatNumber } from '../locale/displayLanguage';
import { compareByName, type GroupBy, groupTeammates } from '../teammates/teammateGrouping';
import { TeammateNode } from '../teammates/teammateNodes';
import { readGroupBy } from '../teammates/teammatesSettings';
import { TeammatesStore } from '../teammates/teammatesStore';
import { GridPerson } from './availabilityPanel';
import { AvailabilityPanelManager, presetWeeks, readAvailabilityConcurrency, readAvailabilityPreset } from './availabilityPanelManager';

/** Above this many people the command says what it will cost and asks first. */
export const CONFIRM_ABOVE_PEOPLE = 200;

interface PeopleChoice {
  readonly title: string;
  readonly users: readonly User[];
}

export function gridPerson(user: User): GridPerson {
  return { id: user.id, name: user.fullName, role: user.role?.name, initials: initialsOf(user.fullName), photoPath: user.photoPath };
}

/**
 * The people a tree invocation means: every selected row (a group counts as its people) when several are
 * selected, else the clicked group or person.
 */
export function peopleFromTree(clicked: TeammateNode | undefined, selected: readonly TeammateNode[] | undefined): PeopleChoice | undefined {
  const nodes = selected && selected.length > 1 ? selected : clicked ? [clicked] : [];
  const seen = new Set<string>();
  const users: User[] = [];
  for (const node of nodes) {
    const members = node.kind === 'group' ? node.group.users : node.kind === 'user' ? [node.user] : [];
    members.filter((user) => !seen.has(user.id) && seen.add(user.id)).forEach((user) => users.push(user));
  }
  if (users.length === 0) {
    return undefined;
  }
  const only = nodes.length === 1 ? nodes[0] : undefined;
  const title = only?.kind === 'group' ? only.group.label : users.length === 1 ? (users[0] as User).fullName : vscode.l10n.t('{0} people', formatNumber(users.length));
  return { title, users };
}

interface GroupPick extends vscode.QuickPickItem {
  readonly choice?: PeopleChoice;
}

/** `1 person`, `1,234 people` (`1.234 Personen` in German). */
function peopleCount(n: number): string {
  return n === 1 ? vscode.l10n.t('{0} person', formatNumber(n)) : vscode.l10n.t('{0} people', formatNumber(n));
}

/** The separator above the groups: `By role`. */
function groupedByText(groupBy: Exclude<GroupBy, 'none'>): string {
  switch (groupBy) {
    case 'role':
      return vscode.l10n.t('By role');
    case 'classification':
      return vscode.l10n.t('By classification');
    case 'country':
      return vscode.l10n.t('By country');
  }
}

/** The palette's choice: everyone visible, or one group of the tree's current grouping. Waits for a load. */
async function pickPeople(store: TeammatesStore): Promise<PeopleChoice | undefined> {
  const picker = vscode.window.createQuickPick<GroupPick>();
  picker.title = vscode.l10n.t('Kantata: Show Team Availability');
  picker.placeholder = vscode.l10n.t('Whose availability? Pick a group, or everyone you can see');
  picker.matchOnDescription = true;
  const fill = () => {
    const users = [...(store.users ?? [])].sort(compareByName);
    const groupBy = readGroupBy();
    const groups = groupBy === 'none' ? [] : groupTeammates(users, groupBy);
    picker.items = users.length === 0 ? [] : [
      { label: `$(organization) ${vscode.l10n.t('Everyone I can see')}`, description: peopleCount(users.length), choice: { title: vscode.l10n.t({ message: 'Everyone', comment: ["A grid's title: everyone the user can see"] }), users } },
      ...(groupBy === 'none' || groups.length === 0 ? [] : [{ label: groupedByText(groupBy), kind: vscode.QuickPickItemKind.Separator }]),
      ...groups.map((group): GroupPick => ({ label: iconLabelText(group.label), description: peopleCount(group.users.length), choice: { title: group.label, users: group.users } })),
    ];
    picker.busy = store.isLoading;
    if (!store.isLoading && users.length === 0) {
      picker.placeholder = store.error ? vscode.l10n.t("Couldn't load teammates: {0}", store.error.userMessage) : vscode.l10n.t('No teammates to show.');
    }
  };
  if (!store.users && !store.isLoading) {
    void store.refresh();
  }
  return new Promise<PeopleChoice | undefined>((resolve) => {
    const listeners = [
      store.onDidChange(fill),
      picker.onDidAccept(() => {
        const choice = picker.selectedItems[0]?.choice;
        if (choice) {
          resolve(choice);
          picker.hide();
        }
      }),
      picker.onDidHide(() => {
        resolve(undefined);
        listeners.forEach((listener) => listener.dispose());
        picker.dispose();
      }),
    ];
    fill();
    picker.show();
  });
}

/** Above CONFIRM_ABOVE_PEOPLE, what the grid will cost, and a yes. */
async function confirmCost(people: number): Promise<boolean> {
  if (people <= CONFIRM_ABOVE_PEOPLE) {
    return true;
  }
  const concurrency = readAvailabilityConcurrency();
  const weeks = presetWeeks(readAvailabilityPreset());
  const show = vscode.l10n.t('Show Availability');
  // Only above CONFIRM_ABOVE_PEOPLE: always many people, many requests and several weeks.
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Show the availability of {0} people?', formatNumber(people)),
    {
      modal: true,
      detail: vscode.l10n.t(
        'This makes {0} requests to Kantata (one per person for {1} weeks, {2} at a time). You can cancel while they load.',
        formatNumber(people),
        formatNumber(weeks),
        formatNumber(concurrency),
      ),
    },
    show,
  );
  return answer === show;
}

/** Kantata: Show Team Availability, from a tree group, a selection of rows, or the palette. */
export function registerAvailabilityCommands(panels: AvailabilityPanelManager, store: TeammatesStore, session: KantataSession): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.showTeamAvailability, async (clicked?: TeammateNode, selected?: readonly TeammateNode[]) => {
    if (!session.isSignedIn) {
      offerSignIn(vscode.l10n.t('Sign in to Kantata to see your team’s availability.'));
      return false;
    }
    const isNode = clicked !== undefined && typeof clicked === 'object' && 'kind' in clicked;
    const choice = isNode ? peopleFromTree(clicked, selected) : await pickPeople(store);
    if (!choice || !(await confirmCost(choice.users.length))) {
      return false;
    }
    panels.open({ title: choice.title, people: [...choice.users].sort(compareByName).map(gridPerson) });
    return true;
  });
}

/** Team Availability: its panels (restored after a reload) and Kantata: Show Team Availability. */
export function registerAvailability(
  context: vscode.ExtensionContext,
  parts: { session: KantataSession; photos: PhotoCache; capacities: CapacityCache; log: vscode.LogOutputChannel; teammates: TeammatesStore },
): AvailabilityPanelManager {
  const { session, photos, capacities, log, teammates } = parts;
  const panels = new AvailabilityPanelManager(
    { session, photos, capacities, log, extensionUri: context.extensionUri, concurrency: readAvailabilityConcurrency },
    (userId) => teammates.users?.find((user) => user.id === userId),
  );
  context.subscriptions.push(panels, registerAvailabilityCommands(panels, teammates, session));
  return panels;
}
