import type * as vscode from 'vscode';
import type { TokenPrompt } from './accounts/tokenInputBox';
import type { KantataSession } from './accounts/session';
import type { AvailabilityPanelManager } from './availability/availabilityPanelManager';
import type { GridProgress, ToWebview as AvailabilityToWebview } from './availability/protocol';
import type { CapacityCache } from './capacity/capacityCache';
import type { UserEditPrompts } from './editing/userEditPrompts';
import type { FilePeopleState, FilePeopleStore } from './filePeople/filePeopleStore';
import type { FilePeopleNode, FilePeopleView } from './filePeople/filePeopleView';
import type { KantataError } from './kantata/errors';
import type { User } from './kantata/types';
import type { ToWebview } from './profile/protocol';
import type { ProfilePanelManager } from './profile/profilePanelManager';
import type { SkillPrompts } from './skills/skillPrompts';
import type { TeammateNode } from './teammates/teammateNodes';
import type { TeammatesStore } from './teammates/teammatesStore';
import type { TeammatesView } from './teammates/teammatesView';

/**
 * What `activate()` returns when the extension runs under the extension-host tests (ExtensionMode.Test):
 * the session to observe, queries and events of the parts the user sees, and ways to answer the boxes the
 * commands show. Never returned to other extensions.
 */
export interface KantataTestApi {
  readonly session: KantataSession;
  /** The provider behind the Accounts menu: what VS Code asks it for. */
  readonly authentication: vscode.AuthenticationProvider;
  /** The loaded teammates and how the last load went. */
  readonly teammates: {
    readonly users: readonly User[] | undefined;
    readonly error: KantataError | undefined;
    readonly isLoading: boolean;
    /** When the list shown was saved, while it is the one cached by an earlier session. */
    readonly cachedAt: number | undefined;
    refresh(): Promise<void>;
    /** Fires when a load that was not superseded has ended, loaded or failed. */
    readonly onDidFinishLoad: vscode.Event<void>;
    /** Fires whenever what the store holds changed (a load started or ended, a cached list shown, a user replaced). */
    readonly onDidChange: vscode.Event<void>;
  };
  /** The Teammates tree, asked what VS Code asks its data provider, and the rows selected in the view. */
  readonly teammatesTree: {
    roots(): TeammateNode[];
    children(node: TeammateNode): TeammateNode[];
    item(node: TeammateNode): vscode.TreeItem;
    readonly selection: readonly TeammateNode[];
    /** The view's message above the rows (the cached list's age). */
    readonly message: string | undefined;
  };
  readonly profiles: {
    /** The open profile panel of a person, if any. */
    get(userId: string): ProfilePanelProbe | undefined;
    /** What VS Code's serializer does with a panel it brings back after a reload (its page's saved state). */
    restore(panel: vscode.WebviewPanel, state: unknown): ProfilePanelProbe | undefined;
  };
  readonly availability: {
    /** The open Team Availability panels, oldest first. */
    readonly panels: readonly AvailabilityPanelProbe[];
    /** Fires with each panel opened or restored. */
    readonly onDidOpen: vscode.Event<AvailabilityPanelProbe>;
    restore(panel: vscode.WebviewPanel, state: unknown): AvailabilityPanelProbe | undefined;
    /** How many capacity answers the session keeps. */
    readonly cachedAnswers: number;
  };
  /** People in This File: what it shows for which file, its rows as VS Code asks for them, and its loads. */
  readonly filePeople: {
    readonly state: FilePeopleState;
    /** Whether the view is shown (a hidden view loads nothing). */
    readonly visible: boolean;
    /** The view's description: the file's name. */
    readonly description: string | undefined;
    roots(): FilePeopleNode[];
    children(node: FilePeopleNode): FilePeopleNode[];
    item(node: FilePeopleNode): vscode.TreeItem;
    /** Fires when a load that was not superseded has ended, whatever it found. */
    readonly onDidFinishLoad: vscode.Event<void>;
  };
  /** Replaces the sign-in input box; `undefined` restores the real one. */
  setTokenPrompt(prompt: TokenPrompt | undefined): void;
  /** Replaces the pickers, boxes, dialogs and notifications of the user-editing commands. */
  setUserEditPrompts(prompts: UserEditPrompts | undefined): void;
  /** Replaces the QuickPicks of Find by Skill. */
  setSkillPrompts(prompts: SkillPrompts | undefined): void;
  /**
   * Where the extension keeps things, for the tests that read them back: the extension host log and the
   * Kantata channel's file are under `logUri`'s folder; the token must be in none of these.
   */
  readonly storage: {
    readonly logUri: vscode.Uri;
    readonly globalStorageUri: vscode.Uri;
    readonly globalState: vscode.Memento;
    readonly workspaceState: vscode.Memento;
  };
}

/**
 * A profile panel as the tests see it: its editor tab and what it posts to its page. The page's messages reach
 * it the way the real page sends them, through the webview's onDidReceiveMessage.
 */
export interface ProfilePanelProbe {
  /** The person it shows now (a preview panel is given each next one). */
  readonly userId: string;
  /** Whether the next teammate clicked replaces it. */
  readonly isPreview: boolean;
  readonly panel: vscode.WebviewPanel;
  readonly isDisposed: boolean;
  readonly onDidPostMessage: vscode.Event<ToWebview>;
}

/** A Team Availability panel as the tests see it: its tab, its people, and what it posts to its page. */
export interface AvailabilityPanelProbe {
  readonly panel: vscode.WebviewPanel;
  readonly people: readonly { readonly id: string; readonly name: string }[];
  readonly progress: GridProgress;
  readonly isDisposed: boolean;
  readonly onDidPostMessage: vscode.Event<AvailabilityToWebview>;
  /** Fires when a load has no request left running. */
  readonly onDidFinishLoading: vscode.Event<GridProgress>;
}

/** The parts activate() built, and its ways to swap the prompts. */
export interface TestApiParts {
  readonly context: vscode.ExtensionContext;
  readonly session: KantataSession;
  readonly authentication: vscode.AuthenticationProvider;
  readonly teammates: TeammatesStore;
  readonly teammatesView: TeammatesView;
  readonly profiles: ProfilePanelManager;
  readonly availability: AvailabilityPanelManager;
  readonly capacities: CapacityCache;
  readonly filePeople: FilePeopleStore;
  readonly filePeopleView: FilePeopleView;
  setTokenPrompt(prompt: TokenPrompt | undefined): void;
  setUserEditPrompts(prompts: UserEditPrompts | undefined): void;
  setSkillPrompts(prompts: SkillPrompts | undefined): void;
}

/** The test API over the real parts: each member asks them, none keeps anything of its own. */
export function makeTestApi(parts: TestApiParts): KantataTestApi {
  const { context, teammates, teammatesView, profiles } = parts;
  const { provider, treeView } = teammatesView;
  return {
    session: parts.session,
    authentication: parts.authentication,
    teammates: {
      get users() {
        return teammates.users;
      },
      get error() {
        return teammates.error;
      },
      get isLoading() {
        return teammates.isLoading;
      },
      get cachedAt() {
        return teammates.cachedAt;
      },
      refresh: () => teammates.refresh(),
      onDidFinishLoad: teammates.onDidFinishLoad,
      onDidChange: teammates.onDidChange,
    },
    teammatesTree: {
      roots: () => provider.getChildren(),
      children: (node) => provider.getChildren(node),
      item: (node) => provider.getTreeItem(node),
      get selection() {
        return treeView.selection;
      },
      get message() {
        return treeView.message;
      },
    },
    profiles: {
      get: (userId) => profiles.get(userId),
      restore: (panel, state) => profiles.restore(panel, state),
    },
    availability: {
      get panels() {
        return parts.availability.openPanels;
      },
      onDidOpen: parts.availability.onDidOpen,
      restore: (panel, state) => parts.availability.restore(panel, state),
      get cachedAnswers() {
        return parts.capacities.answerCount;
      },
    },
    filePeople: filePeopleProbe(parts.filePeople, parts.filePeopleView),
    setTokenPrompt: parts.setTokenPrompt,
    setUserEditPrompts: parts.setUserEditPrompts,
    setSkillPrompts: parts.setSkillPrompts,
    storage: {
      logUri: context.logUri,
      globalStorageUri: context.globalStorageUri,
      globalState: context.globalState,
      workspaceState: context.workspaceState,
    },
  };
}

function filePeopleProbe(store: FilePeopleStore, view: FilePeopleView): KantataTestApi['filePeople'] {
  const { provider, treeView } = view;
  return {
    get state() {
      return store.state;
    },
    get visible() {
      return treeView.visible;
    },
    get description() {
      return treeView.description;
    },
    roots: () => provider.getChildren(),
    children: (node) => provider.getChildren(node),
    item: (node) => provider.getTreeItem(node),
    onDidFinishLoad: store.onDidFinishLoad,
  };
}
