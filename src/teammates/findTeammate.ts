import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { iconLabelText } from '../shared/displayText';
import { compareByName } from './teammateGrouping';
import { youMarker } from './teammateTreeItems';
import { TeammatesStore } from './teammatesStore';

interface TeammatePick extends vscode.QuickPickItem {
  readonly user: User;
}

/** QuickPick items draw `$(icon)` in all three texts: API text has it escaped (see shared/displayText). */
function pickFor(user: User, meId: string | undefined): TeammatePick {
  return {
    label: iconLabelText(user.fullName),
    description: iconLabelText([user.id === meId ? youMarker() : '', user.role?.name].filter(Boolean).join(' ')),
    detail: iconLabelText([user.emailAddress, user.headline].filter(Boolean).join(' · ')),
    user,
  };
}

/**
 * A QuickPick over the loaded teammates, matching name, email, headline and role. Waits for a load in
 * progress (the picker shows busy) rather than offering a partial list.
 */
export async function pickTeammate(
  store: TeammatesStore,
  session: KantataSession,
  title: string,
  options: { readonly meFirst?: boolean } = {},
): Promise<User | undefined> {
  const picker = vscode.window.createQuickPick<TeammatePick>();
  picker.title = title;
  picker.placeholder = vscode.l10n.t('Type a name, email, headline or role');
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  const meId = session.current?.userId;
  const fill = () => {
    const users = [...(store.users ?? [])].sort(compareByName);
    const myIndex = options.meFirst ? users.findIndex((user) => user.id === meId) : -1;
    if (myIndex > 0) {
      users.unshift(...users.splice(myIndex, 1));
    }
    picker.items = users.map((user) => pickFor(user, meId));
    picker.busy = store.isLoading;
    if (!store.isLoading && users.length === 0) {
      picker.placeholder = store.error ? vscode.l10n.t("Couldn't load teammates: {0}", store.error.userMessage) : vscode.l10n.t('No teammates to show.');
    }
  };
  return new Promise<User | undefined>((resolve) => {
    const listeners = [
      store.onDidChange(fill),
      picker.onDidAccept(() => {
        const chosen = picker.selectedItems[0]?.user;
        if (chosen) {
          resolve(chosen);
          picker.hide();
        }
      }),
      picker.onDidHide(() => {
        listeners.forEach((listener) => listener.dispose());
        picker.dispose();
        resolve(undefined);
      }),
    ];
    fill();
    picker.show();
  });
}
