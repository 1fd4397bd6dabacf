import * as vscode from 'vscode';
import { iconLabelText } from '../shared/displayText';
import { accountLabel, hostOf, StoredAccount } from './accountStore';
import { showSecretStorageError } from './secretStorageNotification';
import { SecretStorageError } from './secretStorageError';
import { KantataSession } from './session';
import { Commands, Settings } from '../shared/ids';

type AccountAction =
  | { readonly kind: 'account'; readonly account: StoredAccount }
  | { readonly kind: 'add' }
  | { readonly kind: 'myCapacity' }
  | { readonly kind: 'signOut' };

type AccountPick = vscode.QuickPickItem & { readonly action?: AccountAction };

const removeButton: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Remove this account and its token' };

/** What the Switch Account picker offers: the stored accounts (this server's first), then the actions. */
export function accountPicks(accounts: readonly StoredAccount[], session: KantataSession): AccountPick[] {
  const current = session.current?.account.id;
  const here = accounts.filter((account) => account.baseUrl === session.baseUrl);
  const elsewhere = accounts.filter((account) => account.baseUrl !== session.baseUrl);
  const pick = (account: StoredAccount): AccountPick => ({
    // Names are data: `$(…)` in one must not become an icon.
    label: `${account.id === current ? '$(check)' : '$(account)'} ${iconLabelText(account.id === current ? session.current!.userName : account.userName)}`,
    description: hostOf(account.baseUrl),
    detail: account.id === current ? 'Active in this window' : account.baseUrl === session.baseUrl ? undefined : `Switches the base URL to ${account.baseUrl}`,
    buttons: [removeButton],
    action: { kind: 'account', account },
  });
  const items: AccountPick[] = [...here.map(pick)];
  if (elsewhere.length > 0) {
    items.push({ label: 'Other servers', kind: vscode.QuickPickItemKind.Separator }, ...elsewhere.map(pick));
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(add) Add Account…', description: `sign in to ${hostOf(session.baseUrl)} with another token`, action: { kind: 'add' } },
  );
  if (session.isSignedIn) {
    items.push({ label: '$(pulse) Show My Capacity', action: { kind: 'myCapacity' } }, { label: '$(sign-out) Sign Out', description: 'and remove this account\u2019s token', action: { kind: 'signOut' } });
  }
  return items;
}

/**
 * Kantata: Switch Account (also the status-bar item): pick one of the stored accounts, add one, or remove
 * one with its token. An account of another server switches the base URL setting to that server.
 */
export function registerSwitchAccountCommand(session: KantataSession): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.switchAccount, async () => {
    const action = await pickAccountAction(session);
    if (!action) {
      return false;
    }
    try {
      switch (action.kind) {
        case 'add':
          return await vscode.commands.executeCommand(Commands.signIn);
        case 'myCapacity':
          return await vscode.commands.executeCommand(Commands.showMyCapacity);
        case 'signOut':
          return await vscode.commands.executeCommand(Commands.signOut);
        case 'account':
          return await switchTo(session, action.account);
      }
    } catch (error) {
      if (error instanceof SecretStorageError) {
        showSecretStorageError(error);
        return false;
      }
      throw error;
    }
  });
}

async function switchTo(session: KantataSession, account: StoredAccount): Promise<boolean> {
  if (session.current?.account.id === account.id) {
    return true;
  }
  if (account.baseUrl !== session.baseUrl) {
    await session.accounts.setActive(account.baseUrl, account);
    await vscode.workspace.getConfiguration().update(Settings.baseUrl, account.baseUrl, vscode.ConfigurationTarget.Global);
    if (session.baseUrl !== account.baseUrl) {
      // A workspace (or folder) value wins over the one just written.
      void vscode.window.showWarningMessage(
        `This workspace sets ${Settings.baseUrl} to ${session.baseUrl}, so ${iconLabelText(accountLabel(account))} can't be used here. Change or remove the workspace setting first.`,
      );
      return false;
    }
    await session.whenRestored();
    return session.current?.account.id === account.id;
  }
  await session.switchTo(account);
  return session.current?.account.id === account.id;
}

function pickAccountAction(session: KantataSession): Promise<AccountAction | undefined> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<AccountPick>();
    picker.title = 'Kantata: Switch Account';
    picker.placeholder = session.isSignedIn ? `Signed in as ${session.current?.userName}: choose an account` : 'Choose a Kantata account, or add one';
    picker.matchOnDescription = true;
    const fill = () => {
      picker.items = accountPicks(session.accounts.list(), session);
    };
    fill();
    const listeners = [
      session.onDidChangeAccounts(fill),
      picker.onDidAccept(() => {
        const chosen = picker.selectedItems[0]?.action;
        if (chosen) {
          resolve(chosen);
          picker.hide();
        }
      }),
      picker.onDidTriggerItemButton(async (event) => {
        const action = event.item.action;
        if (action?.kind !== 'account') {
          return;
        }
        const remove = 'Remove';
        picker.ignoreFocusOut = true; // the confirmation takes the focus; the picker stays for what comes next
        const answer = await vscode.window.showWarningMessage(
          `Remove the Kantata account ${iconLabelText(accountLabel(action.account))}?`,
          { modal: true, detail: 'Its token is deleted from VS Code\u2019s secret storage. You can add the account again with its token.' },
          remove,
        );
        if (answer === remove) {
          await session.removeAccount(action.account).catch((error: unknown) => error instanceof SecretStorageError && showSecretStorageError(error));
          fill();
        }
        picker.ignoreFocusOut = false;
      }),
      picker.onDidHide(() => {
        listeners.forEach((listener) => listener.dispose());
        picker.dispose();
        resolve(undefined);
      }),
    ];
    picker.show();
  });
}
