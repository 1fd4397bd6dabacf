// Fails on purpose (HARNESS_SELFTEST_MODE=fail): proves that a failing suite gives exit code 1.
import * as assert from 'node:assert/strict';

describe('harness self-test, failing on purpose', () => {
  it('fails', () => {
    assert.equal(1 + 1, 3, 'deliberate failure');
  });
});
