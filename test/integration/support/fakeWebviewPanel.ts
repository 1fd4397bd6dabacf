import * as vscode from 'vscode';
import type { KantataTestApi, ProfilePanelProbe } from '../../../src/testApi';
import type { FromWebview, ToWebview } from '../../../src/profile/protocol';
import { waitFor } from './extensionUnderTest';

/**
 * A WebviewPanel without a webview: what the extension sets (HTML, title, options) and posts is kept, and
 * nothing loads in the workbench. The extension's real ProfilePanel adopts it through ProfilePanelManager.restore(),
 * so the matrices can open dozens of profiles quickly, and without code-server's webview churn (a webview
 * disposed while loading can keep the next one from loading, which would break the other suites).
 */
export class FakeWebviewPanel {
  readonly viewType = 'kantata.profile';
  title = 'restored';
  iconPath: vscode.WebviewPanel['iconPath'];
  readonly options: vscode.WebviewPanelOptions = {};
  readonly viewColumn = vscode.ViewColumn.One;
  readonly active = true;
  readonly visible = true;
  readonly posted: unknown[] = [];
  private readonly received = new vscode.EventEmitter<unknown>();
  private readonly disposed = new vscode.EventEmitter<void>();
  private readonly viewState = new vscode.EventEmitter<vscode.WebviewPanelOnDidChangeViewStateEvent>();
  readonly onDidDispose = this.disposed.event;
  readonly onDidChangeViewState = this.viewState.event;
  readonly webview: vscode.Webview;
  isDisposed = false;

  constructor() {
    const posted = this.posted;
    this.webview = {
      options: {},
      html: '',
      cspSource: 'https://fake-webview.vscode-cdn.net',
      asWebviewUri: (uri: vscode.Uri) => vscode.Uri.from({ scheme: 'https', authority: 'fake-webview.vscode-cdn.net', path: uri.path }),
      onDidReceiveMessage: this.received.event,
      postMessage: async (message: unknown) => {
        posted.push(message);
        return true;
      },
    };
  }

  reveal(): void {
    // Nothing to show.
  }

  /** What the page does: posts a message to the extension (anything, to try messages outside the protocol). */
  fromPage(message: FromWebview | { type: string; [key: string]: unknown }): void {
    this.received.fire(message);
  }

  dispose(): void {
    if (!this.isDisposed) {
      this.isDisposed = true;
      this.disposed.fire();
      this.received.dispose();
      this.disposed.dispose();
      this.viewState.dispose();
    }
  }
}

/** The extension's ProfilePanel for `userId`, on a fake panel; its page has not said "ready" yet. */
export function openFakeProfile(api: KantataTestApi, userId: string, state: { preset?: 'thisWeek' | 'next2Weeks' | 'thisMonth' | 'next3Months'; range?: { start: string; end: string }; preview?: boolean } = { preset: 'thisWeek' }): { panel: ProfilePanelProbe; fake: FakeWebviewPanel } {
  api.profiles.get(userId)?.panel.dispose();
  const fake = new FakeWebviewPanel();
  const panel = api.profiles.restore(fake as unknown as vscode.WebviewPanel, { userId, ...state });
  if (!panel) {
    throw new Error(`no profile panel for ${userId}`);
  }
  postedTo(panel);
  return { panel, fake };
}

const posted = new WeakMap<ProfilePanelProbe, ToWebview[]>();

/**
 * What a panel has posted to its page since the first call for it (the same list every time): call it as the
 * panel opens. Nothing reaches a page before it says "ready", so a panel asked for before that misses nothing.
 */
export function postedTo(panel: ProfilePanelProbe): readonly ToWebview[] {
  let messages = posted.get(panel);
  if (!messages) {
    const list: ToWebview[] = [];
    messages = list;
    posted.set(panel, list);
    panel.onDidPostMessage((message) => list.push(message));
  }
  return messages;
}

export function sentOfType<T extends ToWebview['type']>(panel: ProfilePanelProbe, type: T): Extract<ToWebview, { type: T }>[] {
  return postedTo(panel).filter((message): message is Extract<ToWebview, { type: T }> => message.type === type);
}

export async function waitForSent<T extends ToWebview['type']>(panel: ProfilePanelProbe, type: T, count = 1, timeoutMs = 15_000): Promise<Extract<ToWebview, { type: T }>> {
  await waitFor(() => sentOfType(panel, type).length >= count, () => `a "${type}" message (sent: ${postedTo(panel).map((message) => message.type).join(', ') || 'nothing'})`, timeoutMs);
  return sentOfType(panel, type)[count - 1] as Extract<ToWebview, { type: T }>;
}
