import * as vscode from 'vscode';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { CapacityChoice, panelTitle, ProfilePanel, ProfilePanelDependencies } from './profilePanel';
import { DEFAULT_CAPACITY_PRESET, isPreset } from '../capacity/capacityRange';
import { PanelState } from './protocol';
import { PROFILE_WEBVIEW_TYPE, Settings } from '../shared/ids';

export function readDefaultPreset(): ReturnType<ProfilePanelDependencies['defaultPreset']> {
  const value = vscode.workspace.getConfiguration().get<string>(Settings.capacityDefaultRange);
  return isPreset(value) ? value : DEFAULT_CAPACITY_PRESET;
}

function isPanelState(value: unknown): value is PanelState {
  return typeof value === 'object' && value !== null && typeof (value as PanelState).userId === 'string' && /^\d{1,18}$/.test((value as PanelState).userId);
}

/**
 * One profile panel per person: opening an open one reveals it. Panels come back after a window reload
 * through the serializer, from the state their page saved (no retainContextWhenHidden: a hidden panel's page
 * is rebuilt from that state when shown again).
 */
export class ProfilePanelManager extends DisposableStore {
  private readonly panels = new Map<string, ProfilePanel>();

  constructor(private readonly deps: ProfilePanelDependencies) {
    super();
    this.register(
      vscode.window.registerWebviewPanelSerializer(PROFILE_WEBVIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          this.restore(panel, state);
        },
      }),
    );
    this.register({ dispose: () => this.closeAll() });
    // A profile belongs to the account it was opened in: switching account or signing out closes it. A panel
    // restored with the window before the stored sign-in was read belongs to the account read.
    this.register(
      deps.session.onDidChangeAccount((next) => {
        for (const panel of [...this.panels.values()]) {
          if (panel.accountId === undefined) {
            panel.accountId = next?.account.id;
          } else if (panel.accountId !== next?.account.id) {
            panel.dispose();
          }
        }
      }),
    );
  }

  private closeAll(): void {
    [...this.panels.values()].forEach((panel) => panel.dispose());
  }

  /** A panel VS Code brings back after a reload, with the state its page saved. */
  restore(panel: vscode.WebviewPanel, state: unknown): ProfilePanel | undefined {
    if (!isPanelState(state) || this.panels.has(state.userId)) {
      panel.dispose();
      return undefined;
    }
    return this.adopt(panel, state.userId, { preset: state.preset, range: state.preset ? undefined : state.range });
  }

  /** The open panel of a person, if any. */
  get(userId: string): ProfilePanel | undefined {
    return this.panels.get(userId);
  }

  open(user: Pick<User, 'id' | 'fullName'>, options: { focusCapacity?: boolean } = {}): ProfilePanel {
    const existing = this.get(user.id);
    if (existing) {
      existing.reveal(options.focusCapacity ?? false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(PROFILE_WEBVIEW_TYPE, panelTitle(user.fullName), vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
    });
    return this.adopt(panel, user.id, { focusCapacity: options.focusCapacity, title: panelTitle(user.fullName) });
  }

  /** Shows new details of a person in their open panel, if any. */
  showUser(user: User): void {
    this.get(user.id)?.showUser(user);
  }

  private adopt(panel: vscode.WebviewPanel, userId: string, initial: CapacityChoice & { focusCapacity?: boolean; title?: string }): ProfilePanel {
    const profile = new ProfilePanel(panel, userId, this.deps, initial);
    this.panels.set(userId, profile);
    profile.onDidDispose(() => {
      if (this.panels.get(userId) === profile) {
        this.panels.delete(userId);
      }
    });
    return profile;
  }
}
