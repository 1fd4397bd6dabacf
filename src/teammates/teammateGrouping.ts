import * as l10n from '@vscode/l10n';
import { User } from '../kantata/types';
import { compareText } from '../locale/displayLanguage';

export type GroupBy = 'role' | 'classification' | 'country' | 'none';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['role', 'classification', 'country', 'none'];

export interface TeammateGroup {
  /** Stable across refreshes: `role:123`, `country:Germany`, `none:` for the group of users without one. */
  readonly key: string;
  readonly label: string;
  readonly users: readonly User[];
}

/** Case- and accent-insensitive order by full name in the display language (ties broken by id, so it is total). */
export function compareByName(a: User, b: User): number {
  return compareText(a.fullName, b.fullName) || compareText(a.id, b.id);
}

/** The group of users without a value ("No role"): ours, not Kantata's data. */
function missingLabel(groupBy: Exclude<GroupBy, 'none'>): string {
  switch (groupBy) {
    case 'role':
      return l10n.t('No role');
    case 'classification':
      return l10n.t('No classification');
    case 'country':
      return l10n.t('No country');
  }
}

function groupOf(user: User, groupBy: Exclude<GroupBy, 'none'>): { key: string; label: string } | undefined {
  switch (groupBy) {
    case 'role':
      return user.role ? { key: `role:${user.role.id}`, label: user.role.name } : undefined;
    case 'classification':
      return user.classification ? { key: `classification:${user.classification}`, label: user.classification } : undefined;
    case 'country':
      return user.country ? { key: `country:${user.country}`, label: user.country } : undefined;
  }
}

/**
 * Users in groups: sorted by group name, the group of users without a value ("No role") last, users sorted
 * by name in each. `none` gives a single group holding everyone.
 */
export function groupTeammates(users: readonly User[], groupBy: GroupBy): TeammateGroup[] {
  if (groupBy === 'none') {
    return [{ key: 'none:', label: l10n.t('Everyone'), users: [...users].sort(compareByName) }];
  }
  const groups = new Map<string, { key: string; label: string; users: User[] }>();
  const missing: User[] = [];
  for (const user of users) {
    const group = groupOf(user, groupBy);
    if (!group) {
      missing.push(user);
      continue;
    }
    let entry = groups.get(group.key);
    if (!entry) {
      entry = { ...group, users: [] };
      groups.set(group.key, entry);
    }
    entry.users.push(user);
  }
  const sorted: TeammateGroup[] = [...groups.values()]
    .sort((a, b) => compareText(a.label, b.label) || compareText(a.key, b.key))
    .map((group) => ({ ...group, users: group.users.sort(compareByName) }));
  if (missing.length > 0) {
    sorted.push({ key: `${groupBy}:`, label: missingLabel(groupBy), users: missing.sort(compareByName) });
  }
  return sorted;
}
