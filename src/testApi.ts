import type * as vscode from 'vscode';
import type { KantataAuthenticationProvider } from './accounts/authenticationProvider';
import { KantataSession } from './accounts/session';
import { TokenPrompt } from './accounts/tokenPrompt';
import { UserEditPrompts } from './editing/userEditPrompts';
import { TeammatesStore } from './teammates/teammatesStore';
import { TeammatesView } from './teammates/teammatesView';
import { ProfilePanels } from './profile/profilePanels';

/**
 * What `activate()` returns when the extension runs under the extension-host tests (ExtensionMode.Test):
 * the session to observe, and a way to answer the sign-in box. Never returned to other extensions.
 */
export interface KantataTestApi {
  readonly session: KantataSession;
  /** The provider behind the Accounts menu: what VS Code asks it for. */
  readonly authentication: KantataAuthenticationProvider;
  readonly teammates: TeammatesStore;
  readonly teammatesView: TeammatesView;
  readonly profiles: ProfilePanels;
  /** Replaces the sign-in input box; `undefined` restores the real one. */
  setTokenPrompt(prompt: TokenPrompt | undefined): void;
  /** Replaces the pickers, boxes, dialogs and notifications of the user-editing commands. */
  setUserEditPrompts(prompts: UserEditPrompts | undefined): void;
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
