import * as assert from 'node:assert/strict';
import { KantataError } from '../../src/kantata/errors';

/** The KantataError `promise` rejects with, checked to be of `kind`. */
export async function rejectsWith(promise: Promise<unknown>, kind: KantataError['kind']): Promise<KantataError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KantataError, `expected a KantataError, got ${String(error)}`);
    assert.equal(error.kind, kind, `expected ${kind}, got ${error.kind}: ${error.userMessage}`);
    return error;
  }
  assert.fail(`expected a ${kind} error`);
}
