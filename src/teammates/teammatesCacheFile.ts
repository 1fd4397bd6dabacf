// No `vscode` here: the unit tests run this file. What one account's cached list looks like on disk.
import { createHash } from 'node:crypto';
import type { Role, User } from '../kantata/types';
import { compareByName } from './teammateGrouping';
import type { TeammatesQuerySettings } from './teammatesSettings';

/** Bumped whenever the layout changes: a file of another format is ignored (and replaced by the next load). */
export const CACHE_FORMAT = 1;

/** What is written: the people of one account as one query scope listed them, and when. Never a token. */
export interface CachedListContent {
  readonly accountId: string;
  readonly scope: TeammatesQuerySettings;
  readonly users: readonly User[];
  /** When the list was loaded (ms since the epoch). */
  readonly savedAt: number;
}

/** A list read back: the users as the tree needs them, and when they were loaded. */
export interface CachedList {
  readonly users: readonly User[];
  readonly savedAt: number;
}

export type DecodedCachedList = { readonly list: CachedList } | { readonly problem: string };

/** One user on disk: the fields the tree, its tooltips, Copy Email and Find Teammate use; the role by id. */
interface StoredUser {
  readonly id: string;
  readonly fullName: string;
  readonly emailAddress: string;
  readonly headline: string;
  readonly photoPath?: string;
  readonly classification?: string;
  readonly country?: string;
  readonly roleId?: string;
}

const OPTIONAL_FIELDS = ['photoPath', 'classification', 'country'] as const;
const REQUIRED_FIELDS = ['id', 'fullName', 'emailAddress', 'headline'] as const;
/** `savedAt` comes last: two files of the same list differ only after this mark (see sameListContent). */
const SAVED_AT_MARK = ',"savedAt":';

/** `<16 hex digits of SHA-256(account id)>.json`: one file per account, with nothing personal in its name. */
export function cacheFileName(accountId: string): string {
  return `${createHash('sha256').update(accountId).digest('hex').slice(0, 16)}.json`;
}

/**
 * The file's text. Users are written in name order (the display language's), so that grouping them at the
 * next start sorts lists that are already sorted; each role once, users refer to it by id.
 */
export function encodeCachedList(content: CachedListContent): string {
  const roles = new Map<string, Role>();
  const users = [...content.users].sort(compareByName).map((user): StoredUser => {
    if (user.role) {
      roles.set(user.role.id, { id: user.role.id, name: user.role.name });
    }
    const stored: Record<string, string> = { id: user.id, fullName: user.fullName, emailAddress: user.emailAddress, headline: user.headline };
    for (const field of OPTIONAL_FIELDS) {
      const value = user[field];
      if (value !== undefined) {
        stored[field] = value;
      }
    }
    if (user.role) {
      stored.roleId = user.role.id;
    }
    return stored as unknown as StoredUser;
  });
  const { scope, showDisabled } = content.scope;
  const body = { format: CACHE_FORMAT, accountId: content.accountId, query: { scope, showDisabled }, roles: [...roles.values()], users };
  return `${JSON.stringify(body).slice(0, -1)}${SAVED_AT_MARK}${JSON.stringify(content.savedAt)}}`;
}

/** Whether two files hold the same list for the same account and scope, whenever each was saved. */
export function sameListContent(a: string, b: string): boolean {
  const end = (text: string) => text.lastIndexOf(SAVED_AT_MARK);
  return end(a) > 0 && end(a) === end(b) && a.slice(0, end(a)) === b.slice(0, end(b));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a file back, only if it is of this format, for `expected`'s account and scope, and every user and role
 * in it is well formed: anything else is a problem (said in English, for the log), never a partial list.
 */
export function decodeCachedList(text: string, expected: { readonly accountId: string; readonly scope: TeammatesQuerySettings }): DecodedCachedList {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { problem: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isObject(body)) {
    return { problem: 'not a JSON object' };
  }
  if (body.format !== CACHE_FORMAT) {
    return { problem: `format ${JSON.stringify(body.format)}, not ${CACHE_FORMAT}` };
  }
  if (body.accountId !== expected.accountId) {
    return { problem: 'it belongs to another account' };
  }
  const query = body.query;
  if (!isObject(query) || query.scope !== expected.scope.scope || query.showDisabled !== expected.scope.showDisabled) {
    return { problem: `it was loaded with other settings (${JSON.stringify(query)})` };
  }
  const savedAt = body.savedAt;
  if (typeof savedAt !== 'number' || !Number.isFinite(savedAt) || savedAt < 0) {
    return { problem: 'no valid savedAt' };
  }
  const roles = decodeRoles(body.roles);
  if (typeof roles === 'string') {
    return { problem: roles };
  }
  const users = decodeUsers(body.users, roles);
  return typeof users === 'string' ? { problem: users } : { list: { users, savedAt } };
}

function decodeRoles(value: unknown): Map<string, Role> | string {
  if (!Array.isArray(value)) {
    return 'no roles list';
  }
  const roles = new Map<string, Role>();
  for (const [index, role] of value.entries()) {
    if (!isObject(role) || typeof role.id !== 'string' || role.id === '' || typeof role.name !== 'string' || roles.has(role.id)) {
      return `role ${index} is malformed`;
    }
    roles.set(role.id, { id: role.id, name: role.name });
  }
  return roles;
}

function decodeUsers(value: unknown, roles: ReadonlyMap<string, Role>): User[] | string {
  if (!Array.isArray(value)) {
    return 'no users list';
  }
  const users: User[] = [];
  const ids = new Set<string>();
  for (const [index, stored] of value.entries()) {
    const user = decodeUser(stored, roles);
    if (!user || ids.has(user.id)) {
      return `user ${index} is malformed`;
    }
    ids.add(user.id);
    users.push(user);
  }
  return users;
}

function decodeUser(stored: unknown, roles: ReadonlyMap<string, Role>): User | undefined {
  if (!isObject(stored) || REQUIRED_FIELDS.some((field) => typeof stored[field] !== 'string') || stored.id === '') {
    return undefined;
  }
  const user: Record<string, unknown> = {};
  for (const field of [...REQUIRED_FIELDS, ...OPTIONAL_FIELDS]) {
    const value = stored[field];
    if (value !== undefined && typeof value !== 'string') {
      return undefined;
    }
    if (value !== undefined) {
      user[field] = value;
    }
  }
  if (stored.roleId !== undefined) {
    const role = typeof stored.roleId === 'string' ? roles.get(stored.roleId) : undefined;
    if (!role) {
      return undefined;
    }
    user.roleId = role.id;
    user.role = role;
  }
  return user as unknown as User;
}
