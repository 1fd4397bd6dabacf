import * as vscode from 'vscode';
import { notificationText, iconLabelText } from '../shared/displayText';
import { BaseUrlChangedError, KantataSession } from './session';
import { describeSignInFailure } from './signInFailure';
import { TokenPrompt } from './tokenInputBox';
import { Commands, Settings } from '../shared/ids';
import { KEYRING_HELP_URL, accountLabel, hostOf, StoredAccount, SecretStorageError } from './accountStore';
import { notifyProblem } from '../shared/errorNotification';

/**
 * Kantata: Sign In (and Add Account). The token is checked with `GET /users/me` against the base URL that is
 * configured when it is entered, stored for that server only when Kantata accepts it, and never sent anywhere
 * else: if the base URL changes while it is being checked, the sign-in stops and says so.
 * `prompt` is read at each run so the extension-host tests can answer the box.
 */
export function registerSignInCommand(session: KantataSession, prompt: () => TokenPrompt, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.signIn, async () => {
    let stopped: string | undefined;
    const user = await prompt().ask(async (token, signal) => {
      const baseUrl = session.baseUrl;
      try {
        const me = await session.probeClient().me(undefined, { token, signal });
        await session.signIn(baseUrl, token, me);
        return { ok: true, user: me };
      } catch (error) {
        if (error instanceof BaseUrlChangedError) {
          log.warn(`Sign-in stopped: ${error.message}`);
          stopped = error.message;
          return { ok: false, message: error.message, stop: true };
        }
        const message = describeSignInFailure(error);
        if (!signal.aborted) {
          log.warn(`Sign-in failed: ${message}`);
        }
        return { ok: false, message };
      }
    });
    if (stopped) {
      const signIn = vscode.l10n.t('Sign In');
      void vscode.window.showWarningMessage(notificationText(stopped), signIn).then(
        (choice) => (choice === signIn ? vscode.commands.executeCommand(Commands.signIn) : undefined),
        () => undefined,
      );
    }
    if (user) {
      // The name is data: no `[label](command:…)` in it may become a link in the notification.
      void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Signed in as {0}', user.fullName)));
    }
    return user !== undefined;
  });
}

/** Kantata: Sign Out: deletes the token for the current base URL; the view returns to its welcome content. */
export function registerSignOutCommand(session: KantataSession): vscode.Disposable {
  return vscode.commands.registerCommand(Commands.signOut, async () => {
    if (!session.isSignedIn) {
      void vscode.window.showInformationMessage(vscode.l10n.t("You're not signed in to Kantata."));
      return false;
    }
    try {
      await session.signOut();
    } catch (error) {
      if (error instanceof SecretStorageError) {
        showSecretStorageError(error);
        return false;
      }
      throw error;
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of Kantata.'));
    return true;
  });
}

/**
 * Says why something can't be done while signed out, with a Sign In button; doesn't wait for the answer.
 * `message` (translated) names what needs the account, e.g. "Sign in to Kantata to find a teammate."
 */
export function offerSignIn(message = vscode.l10n.t('Sign in to Kantata first: this command needs your Kantata account.')): void {
  const signIn = vscode.l10n.t('Sign In');
  vscode.window.showInformationMessage(message, signIn).then(
    async (choice) => {
      if (choice === signIn) {
        await vscode.commands.executeCommand(Commands.signIn);
      }
    },
    () => undefined,
  );
}

/** Told once per rejected token, however many requests failed with it. */
export function showRejectedTokenNotification(): void {
  notifyProblem('warning', vscode.l10n.t('Your Kantata token was rejected. Sign in again to continue.'), [vscode.l10n.t('Sign In')], () =>
    vscode.commands.executeCommand(Commands.signIn),
  );
}

/** An error notification for a keyring failure, with a link to VS Code's troubleshooting page. */
export function showSecretStorageError(error: SecretStorageError): void {
  notifyProblem('error', error.userMessage, [vscode.l10n.t('Learn More')], () => vscode.env.openExternal(vscode.Uri.parse(KEYRING_HELP_URL)));
}

type AccountAction =
  | { readonly kind: 'account'; readonly account: StoredAccount }
  | { readonly kind: 'add' }
  | { readonly kind: 'myCapacity' }
  | { readonly kind: 'signOut' };

type AccountPick = vscode.QuickPickItem & { readonly action?: AccountAction };

/** The picker's button on each account (made when the picker opens: its tooltip is translated). */
function removeButton(): vscode.QuickInputButton {
  return { iconPath: new vscode.ThemeIcon('trash'), tooltip: vscode.l10n.t('Remove this account and its token') };
}

/** What the Switch Account picker offers: the stored accounts (this server's first), then the actions. */
export function accountPicks(accounts: readonly StoredAccount[], session: KantataSession): AccountPick[] {
  const current = session.current?.account.id;
  const here = accounts.filter((account) => account.baseUrl === session.baseUrl);
  const remove = removeButton();
  const elsewhere = accounts.filter((account) => account.baseUrl !== session.baseUrl);
  const pick = (account: StoredAccount): AccountPick => ({
    // Names are data: `$(…)` in one must not become an icon.
    label: `${account.id === current ? '$(check)' : '$(account)'} ${iconLabelText(account.id === current ? session.current!.userName : account.userName)}`,
    description: hostOf(account.baseUrl),
    detail: account.id === current ? vscode.l10n.t('Active in this window') : account.baseUrl === session.baseUrl ? undefined : vscode.l10n.t('Switches the base URL to {0}', account.baseUrl),
    buttons: [remove],
    action: { kind: 'account', account },
  });
  const items: AccountPick[] = [...here.map(pick)];
  if (elsewhere.length > 0) {
    items.push({ label: vscode.l10n.t('Other servers'), kind: vscode.QuickPickItemKind.Separator }, ...elsewhere.map(pick));
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(add) ${vscode.l10n.t('Add Account…')}`, description: vscode.l10n.t('sign in to {0} with another token', hostOf(session.baseUrl)), action: { kind: 'add' } },
  );
  if (session.isSignedIn) {
    items.push(
      { label: `$(pulse) ${vscode.l10n.t('Show My Capacity')}`, action: { kind: 'myCapacity' } },
      { label: `$(sign-out) ${vscode.l10n.t('Sign Out')}`, description: vscode.l10n.t('and remove this account’s token'), action: { kind: 'signOut' } },
    );
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
      void vscode.window.showWarningMessage(baseUrlOverriddenMessage(session.baseUrl, iconLabelText(accountLabel(account))));
      return false;
    }
    await session.whenRestored();
    return session.current?.account.id === account.id;
  }
  await session.switchTo(account);
  return session.current?.account.id === account.id;
}

/**
 * Why the account can't be used: the value that won over the one just written to User settings comes from a
 * workspace or folder, else (in a remote window, where Remote settings come after User settings) the Remote settings.
 */
function baseUrlOverriddenMessage(baseUrl: string, account: string): string {
  const inspected = vscode.workspace.getConfiguration().inspect<string>(Settings.baseUrl);
  if (inspected?.workspaceFolderValue !== undefined || inspected?.workspaceValue !== undefined) {
    return vscode.l10n.t("This workspace sets {0} to {1}, so {2} can't be used here. Change or remove that setting first.", Settings.baseUrl, baseUrl, account);
  }
  if (vscode.env.remoteName) {
    return vscode.l10n.t(
      "The Remote settings of this window ({3}) set {0} to {1}, so {2} can't be used here. Change or remove that setting first.",
      Settings.baseUrl,
      baseUrl,
      account,
      vscode.env.remoteName,
    );
  }
  return vscode.l10n.t("Another settings file sets {0} to {1}, so {2} can't be used here. Change or remove that setting first.", Settings.baseUrl, baseUrl, account);
}

function pickAccountAction(session: KantataSession): Promise<AccountAction | undefined> {
  return new Promise((resolve) => {
    const picker = vscode.window.createQuickPick<AccountPick>();
    picker.title = vscode.l10n.t('Kantata: Switch Account');
    picker.placeholder = session.isSignedIn
      ? vscode.l10n.t('Signed in as {0}: choose an account', session.current?.userName ?? '')
      : vscode.l10n.t('Choose a Kantata account, or add one');
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
        const remove = vscode.l10n.t({ message: 'Remove', comment: ['A button: removes the account and its token'] });
        picker.ignoreFocusOut = true; // the confirmation takes the focus; the picker stays for what comes next
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Remove the Kantata account {0}?', iconLabelText(accountLabel(action.account))),
          { modal: true, detail: vscode.l10n.t('Its token is deleted from VS Code’s secret storage. You can add the account again with its token.') },
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
