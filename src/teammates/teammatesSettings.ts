import * as vscode from 'vscode';
import { GROUP_BY_VALUES, GroupBy } from './teammateGrouping';

export const SCOPE_SETTING = 'kantata.teammates.scope';
export const SHOW_DISABLED_SETTING = 'kantata.teammates.showDisabled';
export const GROUP_BY_SETTING = 'kantata.teammates.groupBy';

/** Which users the view lists: those who share a project with you, or everyone on the account. */
export type TeammatesScope = 'visible' | 'account';

export interface TeammatesQuerySettings {
  readonly scope: TeammatesScope;
  readonly showDisabled: boolean;
}

export function readQuerySettings(): TeammatesQuerySettings {
  const config = vscode.workspace.getConfiguration();
  return {
    scope: config.get<string>(SCOPE_SETTING) === 'account' ? 'account' : 'visible',
    showDisabled: config.get<boolean>(SHOW_DISABLED_SETTING) === true,
  };
}

export function readGroupBy(): GroupBy {
  const value = vscode.workspace.getConfiguration().get<string>(GROUP_BY_SETTING);
  return GROUP_BY_VALUES.find((candidate) => candidate === value) ?? 'role';
}

export async function writeGroupBy(groupBy: GroupBy): Promise<void> {
  await vscode.workspace.getConfiguration().update(GROUP_BY_SETTING, groupBy, vscode.ConfigurationTarget.Global);
}
