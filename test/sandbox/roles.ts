import type { ApiResponse, RequestContext } from './context';
import { envelope } from './envelope';
import type { WireObject } from './envelope';
import { parseBoolean, parseChoices, parseIdList, parseOrder, parsePaging } from './query';

const ROLE_INCLUDES = ['external_references'] as const;

/** GET /roles: the account's active roles sorted by name (`only_active=false` adds deleted ones). */
export function listRoles(context: RequestContext): ApiResponse {
  const { query, store } = context;
  const includes = parseChoices(query, 'include', ROLE_INCLUDES, 'include');
  const direction = parseOrder(query);
  const paging = parsePaging(query);
  const only = parseIdList(query, 'only');
  const onlyActive = parseBoolean(query, 'only_active', true);
  let roles = (onlyActive ? store.activeRolesByName() : store.allRolesByName()).filter((role) => !only || only.has(role.id));
  if (direction === 'desc') {
    roles = roles.reverse();
  }
  const page: WireObject[] = roles.slice(paging.offset, paging.offset + paging.size).map((role) => ({
    ...role,
    ...(includes.has('external_references') ? { external_reference_ids: [] } : {}),
  }));
  const included = new Map<string, Map<string, WireObject>>(includes.has('external_references') ? [['external_references', new Map()]] : []);
  return { status: 200, body: envelope('roles', page, roles.length, paging, included) };
}
