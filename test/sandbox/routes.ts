import { getCapacity } from './capacity';
import type { RouteHandler } from './context';
import { resetPhoto, uploadPhoto } from './photos';
import { listRoles } from './roles';
import { updateUser } from './userUpdate';
import { listUsers, showMe, showUser } from './users';

export const API_PREFIX = '/api/v1';

interface Route {
  readonly pattern: RegExp;
  readonly methods: Readonly<Record<string, RouteHandler>>;
}

/** The routes under /api/v1; `:id` segments are captured as `id`. */
const ROUTES: readonly Route[] = [
  { pattern: /^\/users$/, methods: { GET: listUsers } },
  { pattern: /^\/users\/me$/, methods: { GET: showMe } },
  { pattern: /^\/users\/(?<id>[^/]+)$/, methods: { GET: showUser, PUT: updateUser } },
  { pattern: /^\/users\/(?<id>[^/]+)\/capacity$/, methods: { GET: getCapacity } },
  { pattern: /^\/users\/(?<id>[^/]+)\/profile_photo$/, methods: { POST: uploadPhoto, DELETE: resetPhoto } },
  { pattern: /^\/roles$/, methods: { GET: listRoles } },
];

/**
 * The route path of an API request path: without the /api/v1 prefix and the optional `.json` suffix the
 * docs' examples use (`/api/v1/users/me.json` → `/users/me`). Undefined outside the API.
 */
export function routePath(path: string): string | undefined {
  if (path !== API_PREFIX && !path.startsWith(`${API_PREFIX}/`)) {
    return undefined;
  }
  const rest = path.slice(API_PREFIX.length).replace(/\/+$/, '');
  return (rest.endsWith('.json') ? rest.slice(0, -'.json'.length) : rest) || '/';
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly handler: RouteHandler; readonly params: Record<string, string> }
  | { readonly kind: 'wrongMethod'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

export function matchRoute(method: string, path: string): RouteMatch {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) {
      continue;
    }
    const handler = route.methods[method === 'HEAD' ? 'GET' : method];
    if (!handler) {
      return { kind: 'wrongMethod', allowed: Object.keys(route.methods) };
    }
    return { kind: 'found', handler, params: { ...match.groups } };
  }
  return { kind: 'notFound' };
}
