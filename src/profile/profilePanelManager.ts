import * as vscode from 'vscode';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { CapacityChoice, panelTitle, ProfilePanel, ProfilePanelDependencies } from './profilePanel';
import { DEFAULT_CAPACITY_PRESET, isPreset } from '../capacity/capacityRange';
import { PanelState } from './protocol';
import { ContextKeys, PROFILE_WEBVIEW_TYPE, Settings } from '../shared/ids';

export function readDefaultPreset(): ReturnType<ProfilePanelDependencies['defaultPreset']> {
  const value = vscode.workspace.getConfiguration().get<string>(Settings.capacityDefaultRange);
  return isPreset(value) ? value : DEFAULT_CAPACITY_PRESET;
}

function isPanelState(value: unknown): value is PanelState {
  return typeof value === 'object' && value !== null && typeof (value as PanelState).userId === 'string' && /^\d{1,18}$/.test((value as PanelState).userId);
}

/** VS Code's own choice for editors: with previews off, every profile opens in a panel of its own. */
function previewsEnabled(): boolean {
  return vscode.workspace.getConfiguration('workbench.editor').get<boolean>('enablePreview', true);
}

/**
 * One profile panel per person: opening an open one reveals it. A teammate clicked in a tree opens in the
 * preview panel, as a file clicked in the Explorer does: one panel whose page is given each next person
 * (no new webview, so no new page to load), until Keep Open (the editor title's pin, the page's button, or a
 * second click on the same row) keeps it; the next click then opens a new preview. Panels come back after a
 * window reload through the serializer, from the state their page saved (no retainContextWhenHidden: a hidden
 * panel's page is rebuilt from that state when shown again).
 */
export class ProfilePanelManager extends DisposableStore {
  private readonly panels = new Map<string, ProfilePanel>();
  /** The panel the next teammate clicked replaces, if any. */
  private preview: ProfilePanel | undefined;
  /** What the context key for the editor title's Keep Open was last set to. */
  private previewActive = false;

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
    const preview = state.preview === true && !this.preview;
    return this.adopt(panel, state.userId, { preset: state.preset, range: state.preset ? undefined : state.range, preview });
  }

  /** The open panel of a person, if any. */
  get(userId: string): ProfilePanel | undefined {
    return this.panels.get(userId);
  }

  /**
   * Opens a person's profile: their open panel if there is one, else a new panel. With `preview` (a teammate
   * clicked in a tree) the preview panel shows them instead of a new panel; their preview panel clicked again
   * is kept open.
   */
  open(user: Pick<User, 'id' | 'fullName'>, options: { focusCapacity?: boolean; preview?: boolean } = {}): ProfilePanel {
    const focusCapacity = options.focusCapacity ?? false;
    const preview = (options.preview ?? false) && previewsEnabled();
    const existing = this.get(user.id);
    if (existing) {
      if (preview && existing === this.preview && existing.panel.active) {
        existing.setPreview(false);
      }
      existing.reveal(focusCapacity, preview);
      return existing;
    }
    if (preview && this.preview) {
      const reused = this.preview;
      this.panels.delete(reused.userId);
      reused.showPerson(user);
      this.panels.set(user.id, reused);
      reused.reveal(focusCapacity, true);
      return reused;
    }
    const column = { viewColumn: vscode.ViewColumn.Active, preserveFocus: preview && !focusCapacity };
    const panel = vscode.window.createWebviewPanel(PROFILE_WEBVIEW_TYPE, panelTitle(user.fullName), column, {
      enableScripts: true,
      enableFindWidget: true,
    });
    return this.adopt(panel, user.id, { focusCapacity, title: panelTitle(user.fullName), preview });
  }

  /** Keep Open: the preview panel (the active one when the command comes from its editor title) stays. */
  keepOpen(): boolean {
    const preview = this.preview;
    preview?.setPreview(false);
    return preview !== undefined;
  }

  /** Shows new details of a person in their open panel, if any. */
  showUser(user: User): void {
    this.get(user.id)?.showUser(user);
  }

  private adopt(panel: vscode.WebviewPanel, userId: string, initial: CapacityChoice & { focusCapacity?: boolean; title?: string; preview?: boolean }): ProfilePanel {
    const profile = new ProfilePanel(panel, userId, this.deps, initial);
    this.panels.set(userId, profile);
    if (profile.isPreview) {
      this.preview?.setPreview(false);
      this.preview = profile;
    }
    profile.register(
      profile.onDidChangePreview((preview) => {
        if (!preview && this.preview === profile) {
          this.preview = undefined;
        }
        this.updatePreviewContext();
      }),
    );
    profile.register(panel.onDidChangeViewState(() => this.updatePreviewContext()));
    profile.onDidDispose(() => {
      if (this.panels.get(profile.userId) === profile) {
        this.panels.delete(profile.userId);
      }
      if (this.preview === profile) {
        this.preview = undefined;
      }
      this.updatePreviewContext();
    });
    this.updatePreviewContext();
    return profile;
  }

  /** For the editor title's Keep Open: whether the active editor is the preview panel. */
  private updatePreviewContext(): void {
    const active = this.preview !== undefined && !this.preview.isDisposed && this.preview.panel.active;
    if (active !== this.previewActive) {
      this.previewActive = active;
      void vscode.commands.executeCommand('setContext', ContextKeys.profilePreviewActive, active);
    }
  }
}
