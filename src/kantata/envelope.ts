import { DecodeError, expectArray, expectObject, JsonObject, normaliseId, requiredString } from './decode';

/**
 * Kantata's response envelope: `results` lists the matches in order as `{key, id}`; the objects live in
 * top-level maps keyed by id, together with any included associations (managers land in `users` too).
 * Everything that reads an envelope goes through here.
 */
export interface Envelope {
  /** Total matches of the whole query. */
  readonly count: number;
  readonly pageCount: number;
  readonly pageNumber: number;
  readonly results: readonly EnvelopeResult[];
  /** The object stored under `key` and `id`, or undefined when the response does not hold it. */
  find(key: string, id: string): JsonObject | undefined;
}

export interface EnvelopeResult {
  readonly key: string;
  readonly id: string;
  /** Where the object lives, for error messages: `users.12`. */
  readonly path: string;
  readonly object: JsonObject;
}

function nonNegativeInteger(object: JsonObject, key: string, path: string, fallback?: number): number {
  const value = object[key];
  if (value === undefined && fallback !== undefined) {
    return fallback;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new DecodeError(`${path}.${key}`, 'expected a whole number');
  }
  return value;
}

export function decodeEnvelope(body: unknown): Envelope {
  const root = expectObject(body, 'response');
  const rawResults = expectArray(root.results, 'response.results');
  const count = nonNegativeInteger(root, 'count', 'response', rawResults.length);
  const meta = root.meta === undefined ? {} : expectObject(root.meta, 'response.meta');
  const pageCount = nonNegativeInteger(meta, 'page_count', 'response.meta', rawResults.length > 0 ? 1 : 0);
  const pageNumber = nonNegativeInteger(meta, 'page_number', 'response.meta', 1);

  const maps = new Map<string, JsonObject>();
  const mapFor = (key: string): JsonObject | undefined => {
    if (!maps.has(key)) {
      const raw = root[key];
      if (raw === undefined || raw === null) {
        return undefined;
      }
      maps.set(key, expectObject(raw, `response.${key}`));
    }
    return maps.get(key);
  };
  const find = (key: string, id: string): JsonObject | undefined => {
    const raw = mapFor(key)?.[id];
    return raw === undefined || raw === null ? undefined : expectObject(raw, `response.${key}.${id}`);
  };

  const results = rawResults.map((raw, index): EnvelopeResult => {
    const path = `response.results[${index}]`;
    const reference = expectObject(raw, path);
    const key = requiredString(reference, 'key', path);
    const id = normaliseId(reference.id, `${path}.id`);
    const object = find(key, id);
    if (!object) {
      throw new DecodeError(path, `refers to ${key} ${id}, which the response does not contain`);
    }
    return { key, id, path: `${key}.${id}`, object };
  });

  return { count, pageCount, pageNumber, results, find };
}
