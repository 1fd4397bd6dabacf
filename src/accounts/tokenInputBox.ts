import * as vscode from 'vscode';
import { openSetting } from '../settings/settings';
import { User } from '../kantata/types';
import { inputMessageText } from '../shared/displayText';
import { TokenCheck, TokenPrompt } from './tokenPrompt';
import { Commands, Settings } from '../shared/ids';

export const TOKEN_HELP_URL = 'https://developer.kantata.com/kantata/specification/section/registering-your-application';

const settingsButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('gear'),
  tooltip: 'Open the Kantata base URL setting',
};
const logsButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('output'),
  tooltip: 'Show the Kantata log',
};
const helpButton: vscode.QuickInputButton = {
  iconPath: new vscode.ThemeIcon('question'),
  tooltip: 'How to get a personal token',
};

/**
 * The sign-in box. It stays open while the token is checked, and when the check fails it shows why under
 * what the user typed, so a typo costs one edit rather than pasting the token again.
 */
export class TokenInputBox implements TokenPrompt {
  constructor(private readonly describeServer: () => string) {}

  ask(check: TokenCheck): Promise<User | undefined> {
    return new Promise<User | undefined>((resolve) => {
      const box = vscode.window.createInputBox();
      const listeners: vscode.Disposable[] = [];
      let checking: AbortController | undefined;
      let settled = false;

      const finish = (user: User | undefined) => {
        if (settled) {
          return;
        }
        settled = true;
        checking?.abort();
        listeners.forEach((listener) => listener.dispose());
        box.dispose();
        resolve(user);
      };

      const accept = async () => {
        const token = box.value.trim();
        if (box.busy) {
          return;
        }
        if (!token) {
          box.validationMessage = 'Paste your personal token, or press Escape to cancel.';
          return;
        }
        checking = new AbortController();
        box.busy = true;
        box.validationMessage = undefined;
        const result = await check(token, checking.signal);
        if (settled) {
          return;
        }
        box.busy = false;
        if (result.ok) {
          finish(result.user);
        } else if (result.stop) {
          finish(undefined); // the command says why
        } else {
          // The message may carry a server's words: no link or icon may be made of them under the box.
          box.validationMessage = { message: inputMessageText(result.message), severity: vscode.InputBoxValidationSeverity.Error };
        }
      };

      // Names the server the token will be checked with, and follows the setting while the box is open.
      const describe = () => {
        box.prompt = inputMessageText(
          `Paste your Kantata OX personal token for ${this.describeServer()}. ` +
            'In Kantata: Settings → API → a registered application → "Show your OAuth Token".',
        );
      };
      box.title = 'Kantata: Sign In';
      box.password = true;
      box.ignoreFocusOut = true;
      box.placeholder = 'Personal OAuth token';
      describe();
      box.buttons = [helpButton, settingsButton, logsButton];
      listeners.push(
        box.onDidAccept(() => {
          accept().catch(() => finish(undefined));
        }),
        box.onDidChangeValue(() => {
          if (!box.busy) {
            box.validationMessage = undefined;
          }
        }),
        box.onDidTriggerButton((button) => {
          const action =
            button === settingsButton
              ? openSetting(Settings.baseUrl)
              : button === logsButton
                ? vscode.commands.executeCommand(Commands.showLogs)
                : vscode.env.openExternal(vscode.Uri.parse(TOKEN_HELP_URL));
          Promise.resolve(action).catch(() => undefined);
        }),
        box.onDidHide(() => finish(undefined)),
        vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(Settings.baseUrl) && describe()),
      );
      box.show();
    });
  }
}
