/**
 * Small, strict readers for untrusted JSON. Each names the path it was reading when it fails, so a
 * `badResponse` error can say exactly what was wrong ("users.12.full_name: expected a string, got 42").
 * Missing optional fields are tolerated; present fields of the wrong type are not.
 */

export type JsonObject = Readonly<Record<string, unknown>>;

export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'DecodeError';
  }
}

/**
 * What a decoder tells the log about an answer it accepted after correcting it (a capacity answer covering more
 * days than were asked); the client logs it with the request. Never shown to the user.
 */
export type DecodeNote = (message: string) => void;

/** Kantata's answers nest five or six levels (envelope, map, object, a list value): deeper is not Kantata's. */
export const MAX_JSON_DEPTH = 64;

/**
 * Refuses parsed JSON that nests arrays and objects more than `maxDepth` levels deep. `JSON.parse` copes with
 * any depth, but a recursive step after it (`JSON.stringify`, a structured clone) overflows the stack on
 * 100,000 levels; this walk keeps its own stack, so it is the one step that may meet such an answer.
 */
export function checkJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): void {
  const isContainer = (item: unknown): item is object => typeof item === 'object' && item !== null;
  const pending: object[] = isContainer(value) ? [value] : [];
  const depths: number[] = [1];
  for (let container = pending.pop(); container !== undefined; container = pending.pop()) {
    const depth = depths.pop() ?? 1;
    if (depth > maxDepth) {
      throw new DecodeError('response', `nested more than ${maxDepth} levels deep`);
    }
    for (const child of Array.isArray(container) ? (container as unknown[]) : Object.values(container)) {
      if (isContainer(child)) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
}

export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'string') {
    return value.length > 40 ? 'a long string' : `the string ${JSON.stringify(value)}`;
  }
  if (typeof value === 'object') {
    return 'an object';
  }
  return `${typeof value} ${String(value)}`;
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DecodeError(path, `expected an object, got ${describe(value)}`);
  }
  return value as JsonObject;
}

export function expectArray(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(path, `expected an array, got ${describe(value)}`);
  }
  return value;
}

function isAbsent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

export function requiredString(object: JsonObject, key: string, path: string): string {
  const value = object[key];
  if (typeof value !== 'string') {
    throw new DecodeError(`${path}.${key}`, isAbsent(value) ? 'is missing' : `expected a string, got ${describe(value)}`);
  }
  return value;
}

/** A string field that may be missing or null; empty strings count as missing. */
export function optionalString(object: JsonObject, key: string, path: string): string | undefined {
  const value = object[key];
  if (isAbsent(value)) {
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new DecodeError(`${path}.${key}`, `expected a string, got ${describe(value)}`);
  }
  return value === '' ? undefined : value;
}

/** Text fields that Kantata always sends but may leave null (a headline nobody wrote). */
export function textOrEmpty(object: JsonObject, key: string, path: string): string {
  return optionalString(object, key, path) ?? '';
}

export function optionalNumber(object: JsonObject, key: string, path: string): number | undefined {
  const value = object[key];
  if (isAbsent(value)) {
    return undefined;
  }
  // Some Kantata fields that are numbers in spirit are typed as strings (Skill.max_level).
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw new DecodeError(`${path}.${key}`, `expected a number, got ${describe(value)}`);
  }
  return number;
}

export function optionalBoolean(object: JsonObject, key: string, path: string): boolean | undefined {
  const value = object[key];
  if (isAbsent(value)) {
    return undefined;
  }
  if (typeof value !== 'boolean') {
    throw new DecodeError(`${path}.${key}`, `expected true or false, got ${describe(value)}`);
  }
  return value;
}

/** Ids come as strings, but some association fields are integers: both become strings here. */
export function normaliseId(value: unknown, path: string): string {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return value;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) {
    return String(value);
  }
  throw new DecodeError(path, `expected an id, got ${describe(value)}`);
}

export function optionalId(object: JsonObject, key: string, path: string): string | undefined {
  const value = object[key];
  return isAbsent(value) ? undefined : normaliseId(value, `${path}.${key}`);
}

export function optionalIdList(object: JsonObject, key: string, path: string): readonly string[] | undefined {
  const value = object[key];
  if (isAbsent(value)) {
    return undefined;
  }
  return expectArray(value, `${path}.${key}`).map((item, index) => normaliseId(item, `${path}.${key}[${index}]`));
}
