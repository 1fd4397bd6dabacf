// The request-log maths of the extension-host benchmark: round trips, concurrency, and the sandbox's share of a
// refresh, from which `tree.5000.150.extension` (the extension's own share) is reported.
import * as assert from 'node:assert/strict';
import { maxConcurrent, roundTrips, sandboxShareMs, type LoggedRequest } from '../../bench/extensionHost/requestLog';

const request = (startedAt: number, finishedAt: number): LoggedRequest => ({ method: 'GET', path: '/api/v1/users', rawQuery: '', startedAt, finishedAt });

describe('bench: what a refresh request log says', () => {
  // Page 1, then pages 2–5 at once (answered one after another by a busy sandbox), then page 6.
  const log = [request(0, 160), request(165, 318), request(166, 330), request(166, 341), request(167, 352), request(360, 512)];

  it('counts round trips as the longest chain of requests each started after the previous answer', () => {
    assert.equal(roundTrips(log), 3);
    assert.equal(roundTrips([]), 0);
  });

  it('counts the most requests in flight at once', () => {
    assert.equal(maxConcurrent(log), 4);
  });

  it("takes per round trip the slowest answer's time beyond the latency as the sandbox's share", () => {
    // 10 (page 1) + 35 (the slowest of pages 2–5: 352 − 167 − 150) + 2 (page 6).
    assert.equal(sandboxShareMs(log, 150), 47);
  });

  it('gives the sandbox no share when every answer came in exactly its latency', () => {
    assert.equal(sandboxShareMs([request(0, 150), request(151, 301), request(152, 302)], 150), 0);
  });
});
