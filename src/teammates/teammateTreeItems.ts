import * as vscode from 'vscode';
import { User } from '../kantata/types';
import type { WeekAheadState } from '../capacity/weekAheadStore';
import { isKantataError } from '../kantata/errors';
import { escapeMarkdownText } from '../shared/displayText';
import { GroupNode, LoadMoreNode, NoticeNode, UserNode } from './teammateNodes';
import { Commands, TreeItemContexts } from '../shared/ids';

/** Opens the selected row's profile. No arguments on purpose, see userTreeItem. */

export function groupTreeItem(node: GroupNode): vscode.TreeItem {
  const count = node.group.users.length;
  // The linked project's group opens by itself: it is what this workspace is about.
  const item = new vscode.TreeItem(node.group.label, node.projectId ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `group/${node.group.key}`;
  // The project's group has no count until its people are loaded (its row below says why there are none).
  item.description = node.projectId && count === 0 ? '' : count.toLocaleString();
  item.contextValue = TreeItemContexts.group;
  item.accessibilityInformation = { label: `${node.group.label}, ${count} ${count === 1 ? 'teammate' : 'teammates'}` };
  return item;
}

/** Name, headline, email and role, every piece escaped: API text can't form links or commands here. */
export function userTooltip(user: User, isMe: boolean, weekAhead?: WeekAheadState): vscode.MarkdownString {
  const lines = [`**${escapeMarkdownText(user.fullName)}**${isMe ? ' (you)' : ''}`];
  if (user.headline) {
    lines.push(escapeMarkdownText(user.headline));
  }
  if (user.emailAddress) {
    lines.push(`$(mail) ${escapeMarkdownText(user.emailAddress)}`);
  }
  if (user.role) {
    lines.push(`$(organization) ${escapeMarkdownText(user.role.name)}`);
  }
  if (weekAhead?.kind === 'known') {
    lines.push(`$(calendar) ${escapeMarkdownText(weekAhead.weekAhead.text)}`);
  } else if (weekAhead?.kind === 'failed') {
    lines.push(`$(calendar) This week's availability couldn't be loaded: ${escapeMarkdownText(userMessageOf(weekAhead.error))}`);
  }
  const tooltip = new vscode.MarkdownString(lines.join('\n\n'), true);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}

/** `weekAhead`: in the project's group, whether the person is around this week (it replaces the headline). */
export function userTreeItem(node: UserNode, isMe: boolean, photo: vscode.Uri | undefined, weekAhead?: WeekAheadState): vscode.TreeItem {
  const { user } = node;
  const item = new vscode.TreeItem(user.fullName, vscode.TreeItemCollapsibleState.None);
  item.id = `user/${node.parent?.group.key ?? ''}/${user.id}`;
  const week = weekAhead?.kind === 'known' ? weekAhead.weekAhead.text : undefined;
  item.description = [isMe ? '(you)' : '', week ?? user.headline].filter(Boolean).join(' ');
  item.tooltip = userTooltip(user, isMe, weekAhead);
  item.iconPath = photo ?? new vscode.ThemeIcon('account');
  item.contextValue = user.emailAddress ? `${TreeItemContexts.user} ${TreeItemContexts.userWithEmail}` : TreeItemContexts.user;
  // A command with arguments is held by VS Code under an id that dies when the row is re-rendered (as it is
  // when its photo arrives), and a click in that moment fails with "Actual command not found". Without
  // arguments nothing is held: the command opens the row the click has just selected.
  item.command = { command: Commands.openTeammateRow, title: 'Open Profile' };
  const spoken = [user.fullName + (isMe ? ' (you)' : ''), user.headline, user.role?.name, week].filter(Boolean);
  item.accessibilityInformation = { label: spoken.join(', ') };
  return item;
}

export function loadMoreTreeItem(node: LoadMoreNode): vscode.TreeItem {
  const shown = Math.min(node.remaining, 500);
  const item = new vscode.TreeItem(`Load ${shown.toLocaleString()} more…`, vscode.TreeItemCollapsibleState.None);
  item.id = `loadMore/${node.parent?.group.key ?? ''}`;
  item.description = `${node.remaining.toLocaleString()} not shown`;
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: Commands.loadMoreTeammates, title: 'Load More', arguments: [node] };
  item.contextValue = TreeItemContexts.loadMore;
  return item;
}

export function noticeTreeItem(node: NoticeNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `notice/${node.projectId ? `project:${node.projectId}/` : ''}${node.severity}`;
  item.tooltip = node.error?.userMessage ?? node.message;
  switch (node.severity) {
    case 'loading':
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      break;
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      break;
    case 'warning':
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground'));
      break;
    case 'info':
      item.iconPath = new vscode.ThemeIcon('info');
      break;
  }
  if (node.projectId && node.severity === 'info') {
    item.tooltip = `${node.message}. Click to unlink this workspace from project ${node.projectId}.`;
    item.command = { command: Commands.unlinkProject, title: 'Unlink Workspace from Project' };
  }
  if (node.error) {
    // The error's remedies become inline actions (see the view/item/context menus in package.json).
    const remedies = node.error.kind === 'cancelled' ? ['retry'] : node.error.remedies;
    item.contextValue = [TreeItemContexts.notice, ...remedies.map((remedy) => `${TreeItemContexts.remedyPrefix}${remedy}`)].join(' ');
    if (remedies.includes('retry')) {
      // The project group's row says which load to retry; the list's own row needs no argument.
      item.command = { command: Commands.retryTeammates, title: 'Retry', arguments: node.projectId ? [node] : undefined };
    }
  }
  item.accessibilityInformation = { label: `${node.severity === 'loading' || node.severity === 'info' ? '' : `${node.severity}: `}${node.message}` };
  return item;
}

function userMessageOf(error: unknown): string {
  return isKantataError(error) ? error.userMessage : String(error);
}
