import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { asKantataError, cancelledError, KantataError } from '../kantata/errors';
import { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { Commands, Settings } from '../shared/ids';
import { parseProjectReference } from './projectLink';
import { TEAMMATE_SELECTION } from './teammatesStore';
import { readProjectId, readQuerySettings, writeProjectId } from './teammatesSettings';

/** Where the people of the linked project stand: being loaded, loaded (maybe nobody), or failed. */
export type ProjectTeamState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly users: readonly User[] }
  | { readonly kind: 'failed'; readonly error: KantataError };

/** The linked project and its people; the state is always this project's, never an earlier one's. */
export interface ProjectTeam {
  readonly projectId: string;
  readonly state: ProjectTeamState;
}

/**
 * The people on the project this workspace is linked to (`kantata.projectId`), loaded beside the teammates
 * with the same selection and the same show-disabled choice. `participant_in` is a filter: an unknown or
 * hidden project is an empty list, not an error. A new project, account or connection replaces the team at
 * once and aborts the load in flight, so the old project's people are never shown under the new number.
 */
export class ProjectTeamStore extends DisposableStore {
  private current: ProjectTeam | undefined;
  private inFlight: AbortController | undefined;
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changeEmitter.event;
  private readonly finishedEmitter = this.register(new vscode.EventEmitter<void>());
  /** Fires when a load that was not superseded has ended, loaded or failed. */
  readonly onDidFinishLoad = this.finishedEmitter.event;

  constructor(private readonly session: KantataSession, private readonly log: vscode.LogOutputChannel) {
    super();
    this.register(session.onDidChangeAccount(() => void this.refresh()));
    this.register(session.onDidChangeConnection(() => void this.refresh()));
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Settings.projectId) || event.affectsConfiguration(Settings.teammatesShowDisabled)) {
          void this.refresh();
        }
      }),
    );
    this.register({ dispose: () => this.inFlight?.abort() });
  }

  /** The linked project and how its people load; undefined when no project is linked or nobody is signed in. */
  get team(): ProjectTeam | undefined {
    return this.current;
  }

  /** Loads the linked project's people again (or clears the team); a newer call supersedes an older one. Never throws. */
  async refresh(): Promise<void> {
    this.inFlight?.abort();
    this.inFlight = undefined;
    const projectId = readProjectId();
    const account = this.session.current;
    if (!projectId || !account) {
      this.publish(undefined);
      return;
    }
    const controller = new AbortController();
    this.inFlight = controller;
    this.publish({ projectId, state: { kind: 'loading' } });
    let state: ProjectTeamState;
    try {
      const params = { ...TEAMMATE_SELECTION, showDisabled: readQuerySettings().showDisabled ? true : undefined };
      state = { kind: 'loaded', users: await account.client.listUsersOnProject(projectId, params, { signal: controller.signal }) };
    } catch (error) {
      if (this.inFlight !== controller || account.reportFailure(error) || account.ended) {
        return; // Superseded, or signed out or switched: the newer load (or the account listener) owns the team now.
      }
      state = { kind: 'failed', error: controller.signal.aborted ? cancelledError() : asKantataError(error, vscode.l10n.t({ message: "Loading the project's people", args: [], comment: ['Subject of a sentence: the step that failed unexpectedly'] })) };
      this.log.warn(`Loading the people on project ${projectId} failed (${state.error.kind}): ${state.error.userMessage}`);
    }
    if (this.inFlight !== controller) {
      return;
    }
    this.inFlight = undefined;
    this.publish({ projectId, state });
    this.finishedEmitter.fire();
  }

  private publish(team: ProjectTeam | undefined): void {
    this.current = team;
    this.changeEmitter.fire();
  }
}


/** A folder or a workspace file must be open: the link is a workspace setting. */
function hasWorkspace(): boolean {
  return (vscode.workspace.workspaceFolders?.length ?? 0) > 0 || vscode.workspace.workspaceFile !== undefined;
}

/** Asks for a project number or link, the current one prefilled; undefined when dismissed. */
async function askProjectId(): Promise<string | undefined> {
  const answer = await vscode.window.showInputBox({
    title: vscode.l10n.t('Kantata: Link Workspace to Project'),
    prompt: vscode.l10n.t('The project’s number, or its link from Kantata (e.g. https://app.mavenlink.com/workspaces/12345)'),
    placeHolder: vscode.l10n.t('12345 or https://yourcompany.mavenlink.com/workspaces/12345'),
    value: readProjectId() ?? '',
    ignoreFocusOut: true,
    validateInput: (input) => {
      const reference = parseProjectReference(input);
      return 'problem' in reference ? reference.problem : undefined;
    },
  });
  if (answer === undefined) {
    return undefined;
  }
  const reference = parseProjectReference(answer);
  return 'projectId' in reference ? reference.projectId : undefined;
}

/**
 * Link Workspace to Project… and Unlink Workspace from Project. Link takes an optional project number or link
 * (from another command or extension) instead of asking; either way the setting is written for this workspace.
 */
export function registerProjectLinkCommands(): vscode.Disposable {
  const link = vscode.commands.registerCommand(Commands.linkProject, async (given?: unknown) => {
    if (!hasWorkspace()) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder or a workspace first: the Kantata project is linked to the workspace, in its settings.'));
      return false;
    }
    let projectId: string | undefined;
    if (typeof given === 'string') {
      const reference = parseProjectReference(given);
      if ('problem' in reference) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Can\'t link the workspace to "{0}": {1}', given, reference.problem));
        return false;
      }
      projectId = reference.projectId;
    } else {
      projectId = await askProjectId();
    }
    if (!projectId) {
      return false;
    }
    await writeProjectId(projectId);
    return true;
  });
  const unlink = vscode.commands.registerCommand(Commands.unlinkProject, async () => {
    if (!hasWorkspace()) {
      return false;
    }
    await writeProjectId(undefined);
    const userProjectId = readProjectId();
    if (userProjectId) {
      // Only this workspace's value is removed; the user's own settings are theirs to change.
      void vscode.window.showInformationMessage(vscode.l10n.t('Your user settings still link every workspace to project {0} ({1}).', userProjectId, Settings.projectId));
    }
    return true;
  });
  return vscode.Disposable.from(link, unlink);
}
