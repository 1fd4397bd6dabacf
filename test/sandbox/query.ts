import { badRequest } from './errors';

/** The docs: `per_page` defaults to 20 and is at most 200; larger values are clamped, not refused. */
export const DEFAULT_PER_PAGE = 20;
export const MAX_PER_PAGE = 200;

export interface Paging {
  /** Index of the first match to return. */
  readonly offset: number;
  readonly size: number;
  /** For `meta.page_number`. */
  readonly pageNumber: number;
}

/** The last value of a query parameter (as Rails reads repeated scalar parameters); '' counts as absent. */
export function lastValue(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  const value = values[values.length - 1];
  return value === undefined || value === '' ? undefined : value;
}

function nonNegativeInteger(params: URLSearchParams, name: string, minimum: number): number | undefined {
  const raw = lastValue(params, name);
  if (raw === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(raw) || Number(raw) < minimum || !Number.isSafeInteger(Number(raw))) {
    throw badRequest(`Invalid value for ${name}: '${raw}' (expected an integer of at least ${minimum}).`);
  }
  return Number(raw);
}

/** `page`/`per_page`, or `limit`/`offset`, which override them. */
export function parsePaging(params: URLSearchParams): Paging {
  const perPage = Math.min(nonNegativeInteger(params, 'per_page', 1) ?? DEFAULT_PER_PAGE, MAX_PER_PAGE);
  const page = nonNegativeInteger(params, 'page', 1) ?? 1;
  const limit = nonNegativeInteger(params, 'limit', 1);
  const offset = nonNegativeInteger(params, 'offset', 0);
  if (limit === undefined && offset === undefined) {
    return { offset: (page - 1) * perPage, size: perPage, pageNumber: page };
  }
  const size = Math.min(limit ?? perPage, MAX_PER_PAGE);
  const start = offset ?? 0;
  return { offset: start, size, pageNumber: Math.floor(start / size) + 1 };
}

const TRUE_VALUES = new Set(['true', '1', 't', 'yes']);
const FALSE_VALUES = new Set(['false', '0', 'f', 'no']);

export function parseBoolean(params: URLSearchParams, name: string, fallback = false): boolean {
  const raw = lastValue(params, name);
  if (raw === undefined) {
    return fallback;
  }
  const lower = raw.toLowerCase();
  if (TRUE_VALUES.has(lower)) {
    return true;
  }
  if (FALSE_VALUES.has(lower)) {
    return false;
  }
  throw badRequest(`Invalid value for ${name}: '${raw}' (expected true or false).`);
}

/**
 * A list parameter in the documented comma form (`a,b`), also accepting repeated (`x=a&x=b`) and
 * Rails array (`x[]=a`) forms, since the OpenAPI file types some of them as arrays.
 */
export function parseList(params: URLSearchParams, name: string): string[] {
  return [...params.getAll(name), ...params.getAll(`${name}[]`)]
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/** A list parameter whose values must come from `allowed`; anything else is a 400 naming the valid values. */
export function parseChoices(params: URLSearchParams, name: string, allowed: readonly string[], what: string): Set<string> {
  const values = parseList(params, name);
  const unknown = values.filter((value) => !allowed.includes(value));
  if (unknown.length > 0) {
    throw badRequest(`Unknown ${what}: ${unknown.map((value) => `'${value}'`).join(', ')}. Valid ${what}s: ${allowed.join(', ')}.`);
  }
  return new Set(values);
}

export type Direction = 'asc' | 'desc';

/** `order=alphabetical:asc|desc`; the default is ascending. */
export function parseOrder(params: URLSearchParams): Direction {
  const raw = lastValue(params, 'order');
  if (raw === undefined) {
    return 'asc';
  }
  const match = /^alphabetical(?::(asc|desc))?$/i.exec(raw.trim());
  if (!match) {
    throw badRequest(`Invalid order '${raw}'. Valid values: alphabetical:asc, alphabetical:desc.`);
  }
  return (match[1]?.toLowerCase() as Direction | undefined) ?? 'asc';
}

/** Positive integer ids from a comma list; anything else is ignored, as `only` never fails. */
export function parseIdList(params: URLSearchParams, name: string): Set<string> | undefined {
  if (!params.has(name) && !params.has(`${name}[]`)) {
    return undefined;
  }
  return new Set(parseList(params, name).filter((value) => /^\d+$/.test(value)).map((value) => String(Number(value))));
}
