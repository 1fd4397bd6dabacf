import * as vscode from 'vscode';
import { User } from '../kantata/types';
import type { WeekAheadState } from '../capacity/weekAheadStore';
import { isKantataError } from '../kantata/errors';
import { formatNumber, formatTimeAgo } from '../locale/displayLanguage';
import { escapeMarkdownText } from '../shared/displayText';
import { GroupNode, LoadMoreNode, NoticeNode, UserNode } from './teammateNodes';
import { Commands, TreeItemContexts } from '../shared/ids';

/** After the signed-in user's name, in lists and tooltips. */
export function youMarker(): string {
  return vscode.l10n.t({ message: '(you)', args: [], comment: ["After a person's name: the signed-in user"] });
}

/** Above a list from the last session (the view's message): how old it is, and whether it is being loaded again. */
export function cachedListMessage(savedAt: number, refreshing: boolean, now = Date.now()): string {
  const age = formatTimeAgo(now - savedAt);
  return refreshing
    ? vscode.l10n.t({ message: 'Cached list from {0} · refreshing…', args: [age], comment: ['{0} is how long ago it was saved, e.g. "3 hours ago"'] })
    : vscode.l10n.t({ message: 'Cached list from {0}', args: [age], comment: ['{0} is how long ago it was saved, e.g. "3 hours ago"'] });
}

export function groupTreeItem(node: GroupNode): vscode.TreeItem {
  const count = node.group.users.length;
  // The linked project's group opens by itself: it is what this workspace is about.
  const item = new vscode.TreeItem(node.group.label, node.projectId ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `group/${node.group.key}`;
  // The project's group has no count until its people are loaded (its row below says why there are none).
  item.description = node.projectId && count === 0 ? '' : formatNumber(count);
  item.contextValue = TreeItemContexts.group;
  const spoken = count === 1 ? vscode.l10n.t('{0}, {1} teammate', node.group.label, formatNumber(count)) : vscode.l10n.t('{0}, {1} teammates', node.group.label, formatNumber(count));
  item.accessibilityInformation = { label: spoken };
  return item;
}

/** Name, headline, email and role, every piece escaped: API text can't form links or commands here. */
export function userTooltip(user: User, isMe: boolean, weekAhead?: WeekAheadState): vscode.MarkdownString {
  const lines = [`**${escapeMarkdownText(user.fullName)}**${isMe ? ` ${youMarker()}` : ''}`];
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
    lines.push(`$(calendar) ${vscode.l10n.t("This week's availability couldn't be loaded: {0}", escapeMarkdownText(userMessageOf(weekAhead.error)))}`);
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
  item.description = [isMe ? youMarker() : '', week ?? user.headline].filter(Boolean).join(' ');
  item.tooltip = userTooltip(user, isMe, weekAhead);
  item.iconPath = photo ?? new vscode.ThemeIcon('account');
  item.contextValue = user.emailAddress ? `${TreeItemContexts.user} ${TreeItemContexts.userWithEmail}` : TreeItemContexts.user;
  // A command with arguments is held by VS Code under an id that dies when the row is re-rendered (as it is
  // when its photo arrives), and a click in that moment fails with "Actual command not found". Without
  // arguments nothing is held: the command opens the row the click has just selected.
  item.command = { command: Commands.openTeammateRow, title: vscode.l10n.t('Open Profile') };
  const spoken = [isMe ? `${user.fullName} ${youMarker()}` : user.fullName, user.headline, user.role?.name, week].filter(Boolean);
  item.accessibilityInformation = { label: spoken.join(', ') };
  return item;
}

export function loadMoreTreeItem(node: LoadMoreNode): vscode.TreeItem {
  const shown = Math.min(node.remaining, 500);
  const item = new vscode.TreeItem(vscode.l10n.t('Load {0} more…', formatNumber(shown)), vscode.TreeItemCollapsibleState.None);
  item.id = `loadMore/${node.parent?.group.key ?? ''}`;
  item.description = vscode.l10n.t('{0} not shown', formatNumber(node.remaining));
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command: Commands.loadMoreTeammates, title: vscode.l10n.t('Load More'), arguments: [node] };
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
    item.tooltip = vscode.l10n.t('{0}. Click to unlink this workspace from project {1}.', node.message, node.projectId);
    item.command = { command: Commands.unlinkProject, title: vscode.l10n.t('Unlink Workspace from Project') };
  }
  if (node.error) {
    // The error's remedies become inline actions (see the view/item/context menus in package.json).
    const remedies = node.error.kind === 'cancelled' ? ['retry'] : node.error.remedies;
    item.contextValue = [TreeItemContexts.notice, ...remedies.map((remedy) => `${TreeItemContexts.remedyPrefix}${remedy}`)].join(' ');
    if (remedies.includes('retry')) {
      // The project group's row says which load to retry; the list's own row needs no argument.
      item.command = { command: Commands.retryTeammates, title: vscode.l10n.t('Retry'), arguments: node.projectId ? [node] : undefined };
    }
  }
  item.accessibilityInformation = { label: spokenNotice(node.severity, node.message) };
  return item;
}

/** A notice as a screen reader says it: errors and warnings say so first. */
export function spokenNotice(severity: NoticeNode['severity'], message: string): string {
  switch (severity) {
    case 'error':
      return vscode.l10n.t('error: {0}', message);
    case 'warning':
      return vscode.l10n.t('warning: {0}', message);
    default:
      return message;
  }
}

function userMessageOf(error: unknown): string {
  return isKantataError(error) ? error.userMessage : String(error);
}
