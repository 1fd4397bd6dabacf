import * as vscode from 'vscode';
import { KantataSession, SessionState } from './session';
import { clipText, iconLabelText, escapeMarkdownText } from '../shared/displayText';
import { DisposableStore } from '../shared/disposable';
import { Commands, STATUS_BAR_ITEM_ID } from '../shared/ids';

/** Who is signed in, in the status bar; hidden while signed out. */
export class AccountStatusBarItem extends DisposableStore {
  private readonly item = this.register(vscode.window.createStatusBarItem(STATUS_BAR_ITEM_ID, vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly session: KantataSession) {
    super();
    this.item.name = vscode.l10n.t('Kantata Account');
    this.item.command = { command: Commands.switchAccount, title: vscode.l10n.t('Switch Account') };
    this.register(session.onDidChangeState((state) => this.render(state)));
    this.render(session.state);
  }

  private render(state: SessionState): void {
    if (state.kind === 'signedOut') {
      this.item.hide();
      return;
    }
    const content = accountStatusBarContent(state.user?.fullName ?? state.account.userName, this.session.baseUrl);
    this.item.text = content.text;
    this.item.tooltip = content.tooltip;
    this.item.accessibilityInformation = { label: content.accessibilityLabel };
    this.item.show();
  }
}

/** The status bar has room for a name, not for a paragraph: longer names are clipped (the tooltip has more). */
const MAX_NAME_IN_STATUS_BAR = 40;
const MAX_NAME_IN_TOOLTIP = 300;

/**
 * What the item shows for the signed-in user (`name` undefined until Kantata has said who it is). The name is
 * data: status-bar text draws `$(icon)`, so it is escaped there, and the Markdown tooltip escapes it fully
 * (MarkdownString.appendText leaves `<`, `&` and quotes alone, and the hover then drops what looks like HTML).
 */
export function accountStatusBarContent(name: string | undefined, baseUrl: string): { text: string; tooltip: vscode.MarkdownString; accessibilityLabel: string } {
  const shownName = name === undefined ? undefined : clipText(name.replace(/\s+/g, ' '), MAX_NAME_IN_STATUS_BAR);
  const signedIn = name ? vscode.l10n.t('Signed in to Kantata as {0}', escapeMarkdownText(clipText(name, MAX_NAME_IN_TOOLTIP))) : vscode.l10n.t('Signed in to Kantata');
  const hint = escapeMarkdownText(vscode.l10n.t('Click to switch account or show your capacity.'));
  const tooltip = new vscode.MarkdownString([signedIn, escapeMarkdownText(baseUrl), hint].join('\n\n'), true);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return {
    text: `$(account) ${shownName ? iconLabelText(shownName) : 'Kantata'}`,
    tooltip,
    accessibilityLabel: name ? vscode.l10n.t('Kantata: signed in as {0}', name) : vscode.l10n.t('Kantata: signed in'),
  };
}
