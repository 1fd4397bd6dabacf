import type { Paging } from './query';

/** A wire object: what goes under a top-level key, keyed by id. */
export type WireObject = Record<string, unknown>;

export interface Envelope {
  readonly count: number;
  readonly meta: { readonly count: number; readonly page_count: number; readonly page_number: number; readonly page_size: number };
  readonly results: readonly { readonly key: string; readonly id: string }[];
  readonly [key: string]: unknown;
}

/**
 * The documented envelope: `count`, `meta`, the ordered `results`, the matched objects under `key`, then
 * the included associations. `extra` entries under the same key as the matches (managers in `users`) are
 * merged in without replacing a match.
 */
export function envelope(
  key: string,
  matches: readonly WireObject[],
  count: number,
  paging: Paging,
  included: ReadonlyMap<string, Map<string, WireObject>> = new Map(),
): Envelope {
  const primary: Record<string, WireObject> = {};
  for (const object of matches) {
    primary[String(object.id)] = object;
  }
  for (const [id, object] of included.get(key) ?? []) {
    primary[id] ??= object;
  }
  const body: Record<string, unknown> = {
    count,
    meta: { count, page_count: Math.ceil(count / paging.size), page_number: paging.pageNumber, page_size: paging.size },
    results: matches.map((object) => ({ key, id: String(object.id) })),
    [key]: primary,
  };
  for (const [includedKey, objects] of included) {
    if (includedKey !== key) {
      body[includedKey] = Object.fromEntries(objects);
    }
  }
  return body as unknown as Envelope;
}

/** Show routes (and PUT, photo POST) answer with the same envelope holding one result. */
export const SINGLE_RESULT_PAGING: Paging = { offset: 0, size: 1, pageNumber: 1 };
