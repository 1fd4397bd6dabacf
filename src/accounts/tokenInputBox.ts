import * as vscode from 'vscode';
import { openSetting } from '../settings/connectionSettings';
import { User } from '../kantata/types';
import { inputMessageText } from '../shared/displayText';
import { Commands, Settings } from '../shared/ids';

export const TOKEN_HELP_URL = 'https://developer.kantata.com/kantata/specification/section/registering-your-application';

/** The box's buttons, made with each box (their tooltips are translated). */
interface TokenBoxButtons {
  readonly settings: vscode.QuickInputButton;
  readonly logs: vscode.QuickInputButton;
  readonly help: vscode.QuickInputButton;
}

function tokenBoxButtons(): TokenBoxButtons {
  return {
    settings: { iconPath: new vscode.ThemeIcon('gear'), tooltip: vscode.l10n.t('Open the Kantata base URL setting') },
    logs: { iconPath: new vscode.ThemeIcon('output'), tooltip: vscode.l10n.t('Show the Kantata log') },
    help: { iconPath: new vscode.ThemeIcon('question'), tooltip: vscode.l10n.t('How to get a personal token') },
  };
}

/**
 * The sign-in box. It stays open while the token is checked, and when the check fails it shows why under
 * what the user typed, so a typo costs one edit rather than pasting the token again.
 */
export class TokenInputBox implements TokenPrompt {
  constructor(private readonly describeServer: () => string) {}

  ask(check: TokenCheck): Promise<User | undefined> {
    return new Promise<User | undefined>((resolve) => new OpenTokenBox(this.describeServer, check, resolve).show());
  }
}

/** One sign-in box, from show() until it settles: a user whose token was accepted, or undefined. */
class OpenTokenBox {
  private readonly box = vscode.window.createInputBox();
  private readonly buttons = tokenBoxButtons();
  private readonly listeners: vscode.Disposable[] = [];
  private checking: AbortController | undefined;
  private settled = false;

  constructor(
    private readonly describeServer: () => string,
    private readonly check: TokenCheck,
    private readonly resolve: (user: User | undefined) => void,
  ) {}

  show(): void {
    const { box } = this;
    box.title = vscode.l10n.t('Kantata: Sign In');
    box.password = true;
    box.ignoreFocusOut = true;
    box.placeholder = vscode.l10n.t('Personal OAuth token');
    this.describe();
    box.buttons = [this.buttons.help, this.buttons.settings, this.buttons.logs];
    this.listen();
    box.show();
  }

  private listen(): void {
    const { box } = this;
    this.listeners.push(
      box.onDidAccept(() => {
        this.accept().catch(() => this.finish(undefined));
      }),
      box.onDidChangeValue(() => {
        if (!box.busy) {
          box.validationMessage = undefined;
        }
      }),
      box.onDidTriggerButton((button) => {
        Promise.resolve(buttonAction(button, this.buttons)).catch(() => undefined);
      }),
      box.onDidHide(() => this.finish(undefined)),
      vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration(Settings.baseUrl) && this.describe()),
    );
  }

  /** Names the server the token will be checked with; called again when the setting changes while open. */
  private describe(): void {
    this.box.prompt = inputMessageText(
      vscode.l10n.t({
        message: 'Paste your Kantata OX personal token for {0}. In Kantata: Settings → API → a registered application → "Show your OAuth Token".',
        args: [this.describeServer()],
        comment: ["The path and the button's name are Kantata's own, as its web pages show them"],
      }),
    );
  }

  /** Checks the token typed, keeping the box open (and busy) meanwhile; a rejection is shown under it. */
  private async accept(): Promise<void> {
    const { box } = this;
    const token = box.value.trim();
    if (box.busy) {
      return;
    }
    if (!token) {
      box.validationMessage = vscode.l10n.t('Paste your personal token, or press Escape to cancel.');
      return;
    }
    this.checking = new AbortController();
    box.busy = true;
    box.validationMessage = undefined;
    const result = await this.check(token, this.checking.signal);
    if (this.settled) {
      return;
    }
    box.busy = false;
    if (result.ok) {
      this.finish(result.user);
    } else if (result.stop) {
      this.finish(undefined); // the command says why
    } else {
      // The message may carry a server's words: no link or icon may be made of them under the box.
      box.validationMessage = { message: inputMessageText(result.message), severity: vscode.InputBoxValidationSeverity.Error };
    }
  }

  /** Settles once: stops a check under way, closes the box and answers `ask`. */
  private finish(user: User | undefined): void {
    if (this.settled) {
      return;
    }
    this.settled = true;
    this.checking?.abort();
    this.listeners.forEach((listener) => listener.dispose());
    this.box.dispose();
    this.resolve(user);
  }
}

/** What each of the box's buttons opens: the base URL setting, the log, or the page on getting a token. */
function buttonAction(button: vscode.QuickInputButton, buttons: TokenBoxButtons): Thenable<unknown> {
  return button === buttons.settings
    ? openSetting(Settings.baseUrl)
    : button === buttons.logs
      ? vscode.commands.executeCommand(Commands.showLogs)
      : vscode.env.openExternal(vscode.Uri.parse(TOKEN_HELP_URL));
}

export type TokenCheckResult =
  | { readonly ok: true; readonly user: User }
  /** `stop`: the sign-in can't go on with this token (the server changed under it): close the prompt. */
  | { readonly ok: false; readonly message: string; readonly stop?: boolean };

/** Checks (and, when good, stores) a token the user entered. Never throws. */
export type TokenCheck = (token: string, signal: AbortSignal) => Promise<TokenCheckResult>;

/**
 * Asks the user for a token until `check` accepts one, says to stop, or the user gives up. The real one is
 * an input box; the extension-host tests substitute a scripted one through the test API.
 */
export interface TokenPrompt {
  ask(check: TokenCheck): Promise<User | undefined>;
}
