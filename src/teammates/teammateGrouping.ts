import { User } from '../kantata/types';

export type GroupBy = 'role' | 'classification' | 'country' | 'none';
export const GROUP_BY_VALUES: readonly GroupBy[] = ['role', 'classification', 'country', 'none'];

export interface TeammateGroup {
  /** Stable across refreshes: `role:123`, `country:Germany`, `none:` for the group of users without one. */
  readonly key: string;
  readonly label: string;
  readonly users: readonly User[];
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Locale-aware, case- and accent-insensitive order by full name (ties broken by id, so it is total). */
export function compareByName(a: User, b: User): number {
  return collator.compare(a.fullName, b.fullName) || collator.compare(a.id, b.id);
}

const missingLabels: Readonly<Record<Exclude<GroupBy, 'none'>, string>> = {
  role: 'No role',
  classification: 'No classification',
  country: 'No country',
};

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
    return [{ key: 'none:', label: 'Everyone', users: [...users].sort(compareByName) }];
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
    .sort((a, b) => collator.compare(a.label, b.label) || collator.compare(a.key, b.key))
    .map((group) => ({ ...group, users: group.users.sort(compareByName) }));
  if (missing.length > 0) {
    sorted.push({ key: `${groupBy}:`, label: missingLabels[groupBy], users: missing.sort(compareByName) });
  }
  return sorted;
}
