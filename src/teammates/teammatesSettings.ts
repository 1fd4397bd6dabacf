import * as vscode from 'vscode';
import { GROUP_BY_VALUES, GroupBy } from './teammateGrouping';
import { Settings } from '../shared/ids';
import { projectIdOfSetting } from './projectLink';

/** Which users the view lists: those who share a project with you, or everyone on the account. */
export type TeammatesScope = 'visible' | 'account';

export interface TeammatesQuerySettings {
  readonly scope: TeammatesScope;
  readonly showDisabled: boolean;
}

export function readQuerySettings(): TeammatesQuerySettings {
  const config = vscode.workspace.getConfiguration();
  return {
    scope: config.get<string>(Settings.teammatesScope) === 'account' ? 'account' : 'visible',
    showDisabled: config.get<boolean>(Settings.teammatesShowDisabled) === true,
  };
}

/** Whether each account's last list is kept on disk and shown at the next start (`kantata.teammates.rememberList`). */
export function readRememberList(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(Settings.teammatesRememberList) !== false;
}

export function readGroupBy(): GroupBy {
  const value = vscode.workspace.getConfiguration().get<string>(Settings.teammatesGroupBy);
  return GROUP_BY_VALUES.find((candidate) => candidate === value) ?? 'role';
}

export async function writeGroupBy(groupBy: GroupBy): Promise<void> {
  await vscode.workspace.getConfiguration().update(Settings.teammatesGroupBy, groupBy, vscode.ConfigurationTarget.Global);
}

/** The project this workspace is linked to (`kantata.projectId`), or undefined when none is. */
export function readProjectId(): string | undefined {
  return projectIdOfSetting(vscode.workspace.getConfiguration().get<unknown>(Settings.projectId));
}

/** Links this workspace to a project, or unlinks it (`undefined`): a workspace setting, never the user's. */
export async function writeProjectId(projectId: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(Settings.projectId, projectId, vscode.ConfigurationTarget.Workspace);
}
