/**
 * Compares the SHAPE of two JSON answers (key sets and value types, recursively), not their values: used to
 * hold the sandbox's answers against the mock Prism generates from the OpenAPI description.
 *
 * - Types: string, number, boolean, null, array, object (integers and floats are both numbers).
 * - Keyed maps (objects whose keys are ids, dates, or Prism's placeholder names `property1`…) are compared
 *   value by value against the shape of the reference's values, whatever the keys.
 * - A key the reference has and the actual answer lacks is "omitted", not a difference: every field in the
 *   description is optional, and the sandbox leaves out what was not asked for. Callers check the omitted
 *   list for keys that must be there.
 * - A key the actual answer has and the reference lacks is a difference, unless `allowExtra` accepts it.
 */

export interface ShapeComparison {
  /** Type mismatches and unexpected keys: each one a real disagreement. */
  readonly differences: string[];
  /** Paths (with maps written as `*`) of keys the reference had and the actual answer left out. */
  readonly omitted: string[];
}

export interface CompareOptions {
  /** Accepts an extra key at a path (maps written as `*`), e.g. `id` in every keyed object. */
  readonly allowExtra?: (path: string, key: string) => boolean;
}

type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'undefined';

function typeOf(value: unknown): JsonType {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'object' ? type : 'undefined';
}

const MAP_KEY = /^(\d+|\d{4}-\d{2}-\d{2}|property\d+|additionalProp\d+)$/;

function isMap(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => MAP_KEY.test(key));
}

export function compareShapes(reference: unknown, actual: unknown, options: CompareOptions = {}): ShapeComparison {
  const result: ShapeComparison = { differences: [], omitted: [] };
  walk(reference, actual, '$', options, result);
  return { differences: [...new Set(result.differences)], omitted: [...new Set(result.omitted)] };
}

function walk(reference: unknown, actual: unknown, path: string, options: CompareOptions, result: ShapeComparison): void {
  const [expected, got] = [typeOf(reference), typeOf(actual)];
  if (expected !== got) {
    result.differences.push(`${path}: ${got} where the reference has ${expected}`);
    return;
  }
  if (expected === 'array') {
    const [first] = reference as unknown[];
    if (first !== undefined) {
      (actual as unknown[]).forEach((item) => walk(first, item, `${path}[]`, options, result));
    }
    return;
  }
  if (expected !== 'object') {
    return;
  }
  const referenceObject = reference as Record<string, unknown>;
  const actualObject = actual as Record<string, unknown>;
  const referenceIsMap = isMap(referenceObject);
  const actualIsMap = isMap(actualObject) || (referenceIsMap && Object.keys(actualObject).length === 0);
  if (referenceIsMap || actualIsMap) {
    if (referenceIsMap !== actualIsMap) {
      result.differences.push(`${path}: ${actualIsMap ? 'a keyed map' : 'an object'} where the reference has ${referenceIsMap ? 'a keyed map' : 'an object'}`);
      return;
    }
    // The reference's entries all come from one schema: merge them into one expected value shape.
    const expectedValue = mergeObjects(Object.values(referenceObject));
    for (const value of Object.values(actualObject)) {
      walk(expectedValue, value, `${path}.*`, options, result);
    }
    return;
  }
  for (const [key, value] of Object.entries(actualObject)) {
    if (!(key in referenceObject)) {
      if (!options.allowExtra?.(path, key)) {
        result.differences.push(`${path}.${key}: not in the reference (type ${typeOf(value)})`);
      }
      continue;
    }
    walk(referenceObject[key], value, `${path}.${key}`, options, result);
  }
  for (const key of Object.keys(referenceObject)) {
    if (!(key in actualObject)) {
      result.omitted.push(`${path}.${key}`);
    }
  }
}

function mergeObjects(values: readonly unknown[]): unknown {
  if (values.length > 0 && values.every((value) => typeOf(value) === 'object')) {
    return Object.assign({}, ...(values as Record<string, unknown>[]));
  }
  return values[0];
}
