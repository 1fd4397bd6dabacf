import type { ApiResponse, RequestContext } from './context';
import { SINGLE_RESULT_PAGING } from './envelope';
import { MESSAGES, notFound } from './errors';
import type { UserRecord } from './model';
import { lastValue, parseBoolean, parseIdList, parseOrder, parsePaging } from './query';
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
  const participantIn = lastValue(query, 'participant_in');
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
  if (participantIn !== undefined) {
    // Projects are numbered from 1 on the wire (project index + 1); a non-number matches nobody.
    const project = /^\d+$/.test(participantIn) ? Number(participantIn) - 1 : -1;
    checks.push((user) => user.projectIds.includes(project));
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

/** GET /users/me: always the requester, whatever the filters. */
export function showMe(context: RequestContext): ApiResponse {
  return singleUserResponse(context, context.requester);
}

/** GET /users/{id} */
export function showUser(context: RequestContext): ApiResponse {
  return singleUserResponse(context, findVisibleUser(context));
}
