import type { ApiResponse, RequestContext } from './context';
import { SINGLE_RESULT_PAGING } from './envelope';
import { MESSAGES, notFound, validationFailed } from './errors';
import type { UserRecord } from './model';
import { projectIndexOf } from './projects';
import { lastValue, parseBoolean, parseIdList, parseList, parseOrder, parsePaging } from './query';
import { parseWithSkills, skillsPredicate } from './skillFilter';
import { foldForSearch } from './store';
import type { Viewer } from './store';
import { parseUserView, usersEnvelope } from './userView';
import type { UserView } from './userView';

/** The visibility filters of a request, which the show routes honour too (a disabled user 404s without show_disabled). */
export function viewerOf(context: RequestContext): Viewer {
  return {
    requester: context.requester,
    onMyAccount: parseBoolean(context.query, 'on_my_account'),
    showDisabled: parseBoolean(context.query, 'show_disabled'),
  };
}

export function userViewOf(context: RequestContext): UserView {
  return parseUserView(context.query, context.store.isAdministrator(context.requester), context.origin);
}

/** The user named by the path, if the requester may see them under the request's filters; else 404. */
export function findVisibleUser(context: RequestContext): UserRecord {
  const id = context.params.id ?? '';
  const user = /^\d+$/.test(id) ? context.store.user(String(Number(id))) : undefined;
  if (!user || !context.store.canShow(viewerOf(context), user)) {
    throw notFound(MESSAGES.userNotFound);
  }
  return user;
}

export function singleUserResponse(context: RequestContext, user: UserRecord, view: UserView = userViewOf(context)): ApiResponse {
  return { status: 200, body: usersEnvelope(context.store, [user], 1, SINGLE_RESULT_PAGING, view) };
}

/** GET /users */
export function listUsers(context: RequestContext): ApiResponse {
  const { query, store } = context;
  const viewer = viewerOf(context);
  const view = userViewOf(context);
  const direction = parseOrder(query);
  const paging = parsePaging(query);
  const predicate = userFilter(context);

  const visible = store.listPredicate(viewer);
  const matches = store.usersInOrder().filter((user) => visible(user) && predicate(user));
  const page: UserRecord[] = [];
  for (let i = paging.offset; i < Math.min(matches.length, paging.offset + paging.size); i++) {
    // Descending is the exact reverse of ascending (ties included), so pages never overlap.
    page.push(matches[direction === 'asc' ? i : matches.length - 1 - i]!);
  }
  return { status: 200, body: usersEnvelope(store, page, matches.length, paging, view) };
}

/** The filters other than visibility, combined; each one absent from the query lets every user through. */
function userFilter(context: RequestContext): (user: UserRecord) => boolean {
  const { query, store } = context;
  const only = parseIdList(query, 'only');
  const roleIds = parseIdList(query, 'account_role_ids');
  const byName = lastValue(query, 'by_full_name');
  const search = lastValue(query, 'search');
  const email = lastValue(query, 'by_email_address');
  const emails = parseEmailAddresses(query);
  const participantIn = lastValue(query, 'participant_in');
  const skills = parseWithSkills(query);
  const checks: ((user: UserRecord) => boolean)[] = [];
  if (only) {
    checks.push((user) => only.has(user.id));
  }
  if (roleIds) {
    checks.push((user) => user.roleId !== undefined && roleIds.has(user.roleId));
  }
  if (email !== undefined) {
    const wanted = email.trim().toLowerCase();
    checks.push((user) => user.email_address.toLowerCase() === wanted);
  }
  if (emails) {
    checks.push((user) => emails.has(user.email_address));
  }
  if (participantIn !== undefined) {
    // A filter, not a lookup: an unknown project, or a value that is no project id, matches nobody (no 404).
    const project = projectIndexOf(participantIn.trim());
    checks.push((user) => project !== undefined && user.projectIds.includes(project));
  }
  if (skills) {
    checks.push(skillsPredicate(store, skills));
  }
  if (byName !== undefined) {
    // Case- and accent-insensitive substring: "jose" finds "José Müller".
    const wanted = foldForSearch(byName.trim());
    checks.push((user) => store.searchable(user).name.includes(wanted));
  }
  if (search !== undefined) {
    const wanted = foldForSearch(search.trim());
    checks.push((user) => store.searchable(user).all.includes(wanted));
  }
  return (user) => checks.every((check) => check(user));
}

/** The reference: "You can specify up to 200 email addresses." */
export const MAX_EMAIL_ADDRESSES = 200;

/**
 * `by_email_addresses=a@x,b@y` (or repeated, or `[]`): exact, case-sensitive matches, since the reference says
 * "exactly match" and nothing of case. Empty: no filter, like every other parameter. Over 200 addresses: a 422
 * validation error naming the parameter (the reference states the limit but not the answer; Rails answers a
 * parameter that breaks a stated limit with 422 Unprocessable Entity).
 */
function parseEmailAddresses(query: URLSearchParams): ReadonlySet<string> | undefined {
  const addresses = parseList(query, 'by_email_addresses');
  if (addresses.length === 0) {
    return undefined;
  }
  if (addresses.length > MAX_EMAIL_ADDRESSES) {
    throw validationFailed([
      { field: 'by_email_addresses', message: `You can specify up to ${MAX_EMAIL_ADDRESSES} email addresses (got ${addresses.length}).` },
    ]);
  }
  return new Set(addresses);
}

/** GET /users/me: always the requester, whatever the filters. */
export function showMe(context: RequestContext): ApiResponse {
  return singleUserResponse(context, context.requester);
}

/** GET /users/{id} */
export function showUser(context: RequestContext): ApiResponse {
  return singleUserResponse(context, findVisibleUser(context));
}
