import * as vscode from 'vscode';
import { KantataSession } from '../auth/session';
import { SessionState } from '../auth/sessionState';
import { DisposableStore } from '../util/disposable';

/** Who is signed in, in the status bar; hidden while signed out. */
export class AccountStatusBarItem extends DisposableStore {
  private readonly item = this.register(vscode.window.createStatusBarItem('kantata.account', vscode.StatusBarAlignment.Left, 50));

  constructor(private readonly session: KantataSession) {
    super();
    this.item.name = 'Kantata Account';
    this.item.command = { command: 'kantata.showMyCapacity', title: 'Show My Capacity' };
    this.register(session.onDidChangeState((state) => this.render(state)));
    this.render(session.state);
  }

  private render(state: SessionState): void {
    if (state.kind === 'signedOut') {
      this.item.hide();
      return;
    }
    const name = state.user?.fullName;
    this.item.text = `$(account) ${name ?? 'Kantata'}`;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendText(name ? `Signed in to Kantata as ${name}` : 'Signed in to Kantata');
    tooltip.appendText(`\n\n${this.session.baseUrl}\n\nClick to show your capacity.`);
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: name ? `Kantata: signed in as ${name}` : 'Kantata: signed in' };
    this.item.show();
  }
}
