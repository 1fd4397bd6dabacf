import * as assert from 'node:assert/strict';
import { NOTABLE_USER_IDS } from '../sandbox/notableUsers';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { call, errorsOf } from '../support/sandboxHttp';

const ids = NOTABLE_USER_IDS;

interface CapacityBody {
  start_date: string;
  end_date: string;
  hours: Record<string, number>;
}

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();

describe('sandbox: GET /users/{id}/capacity', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox();
  });
  after(() => sandbox.close());

  async function capacity(id: string, start: string, end: string, token?: string): Promise<CapacityBody> {
    const result = await call(sandbox, `/users/${id}/capacity?start_date=${start}&end_date=${end}`, { token });
    assert.equal(result.status, 200, result.text);
    return result.json as CapacityBody;
  }

  it('answers {start_date, end_date, hours} with one key per day, both ends included (not the envelope)', async () => {
    const body = await capacity(sandbox.adminUserId, '2025-03-03', '2025-03-16');
    assert.deepEqual(Object.keys(body), ['start_date', 'end_date', 'hours']);
    assert.deepEqual([body.start_date, body.end_date], ['2025-03-03', '2025-03-16']);
    const dates = Object.keys(body.hours);
    assert.equal(dates.length, 14);
    assert.equal(dates[0], '2025-03-03');
    assert.equal(dates.at(-1), '2025-03-16');
    assert.deepEqual(Object.keys(await capacity(sandbox.adminUserId, '2025-03-05', '2025-03-05')).length, 3);
  });

  it('gives 0 on weekends and the workweek hours on working days', async () => {
    const { hours } = await capacity(ids.greek, '2025-02-03', '2025-02-16');
    for (const [date, value] of Object.entries(hours)) {
      assert.equal(value, [0, 6].includes(weekday(date)) ? 0 : 8, date);
    }
    const irish = await capacity(ids.apostrophe, '2025-02-03', '2025-02-07');
    assert.deepEqual(Object.values(irish.hours), [7.5, 7.5, 7.5, 7.5, 7.5], 'a 450-minute day');
  });

  it('gives a part-timer fewer hours', async () => {
    const { hours } = await capacity(ids.partTimer, '2025-02-03', '2025-02-09');
    assert.deepEqual(Object.values(hours), [8, 8, 8, 4, 0, 0, 0]);
  });

  it("gives 0 on a user's recurring day off: José is off every third Wednesday", async () => {
    const { hours } = await capacity(ids.accented, '2025-02-03', '2025-03-16');
    const wednesdays = Object.entries(hours).filter(([date]) => weekday(date) === 3);
    assert.equal(wednesdays.length, 6);
    assert.equal(wednesdays.filter(([, value]) => value === 0).length, 2);
    assert.equal(wednesdays.filter(([, value]) => value === 8).length, 4);
    const other = Object.entries(hours).filter(([date]) => ![0, 3, 6].includes(weekday(date)));
    assert.ok(other.every(([, value]) => value === 8));
  });

  it("halves a half day off: the administrator's every other Friday afternoon", async () => {
    const { hours } = await capacity(sandbox.adminUserId, '2025-03-03', '2025-03-30');
    const fridays = Object.entries(hours).filter(([date]) => weekday(date) === 5).map(([, value]) => value);
    assert.deepEqual([...fridays].sort(), [4, 4, 8, 8]);
    assert.ok(hours['2025-03-03']! > 0, 'Monday');
  });

  it('gives 0 on annual leave, dated every year', async () => {
    for (const year of [2024, 2025, 2031]) {
      const { hours } = await capacity(ids.accented, `${year}-07-14`, `${year}-07-23`);
      assert.ok(Object.values(hours).every((value) => value === 0), `José's leave in ${year}`);
    }
  });

  it('gives 0 on account holidays and half on Christmas Eve, for account members only', async () => {
    const { hours } = await capacity(ids.greek, '2025-01-01', '2025-12-31');
    assert.equal(Object.keys(hours).length, 365);
    assert.equal(hours['2025-01-01'], 0, "New Year's Day (a Wednesday)");
    assert.equal(hours['2025-05-26'], 0, 'last Monday of May');
    assert.equal(hours['2025-09-01'], 0, 'first Monday of September');
    assert.equal(hours['2025-12-24'], 4, 'Christmas Eve, half day');
    assert.equal(hours['2025-12-25'], 0);
    assert.equal(hours['2025-12-26'], 0);
    assert.equal(hours['2025-01-02'], 8);
    const outside = await capacity(ids.outside, '2025-01-01', '2025-01-01');
    assert.equal(outside.hours['2025-01-01'], 8, 'an outside user is not on our holiday calendar');
  });

  it('is the same for the same range, every time', async () => {
    assert.deepEqual(await capacity(ids.accented, '2024-01-01', '2024-12-31'), await capacity(ids.accented, '2024-01-01', '2024-12-31'));
  });

  describe('errors', () => {
    const path = (query: string) => `/users/${sandbox.adminUserId}/capacity${query}`;

    it('422 for missing dates, with the field', async () => {
      const errors = errorsOf(await call(sandbox, path('')), 422);
      assert.deepEqual(errors, [
        { type: 'validation', field: 'start_date', message: "can't be blank" },
        { type: 'validation', field: 'end_date', message: "can't be blank" },
      ]);
      assert.equal(errorsOf(await call(sandbox, path('?start_date=2025-01-01')), 422)[0]!.field, 'end_date');
    });

    it('422 for malformed or impossible dates', async () => {
      for (const bad of ['2025-02-30', '2025-13-01', '2025-1-5', '05/01/2025', 'today', '2025-02-29']) {
        const errors = errorsOf(await call(sandbox, path(`?start_date=${bad}&end_date=2026-01-01`)), 422);
        assert.deepEqual(errors, [{ type: 'validation', field: 'start_date', message: 'must be a valid date in YYYY-MM-DD format' }], bad);
      }
      assert.equal((await call(sandbox, path('?start_date=2024-02-29&end_date=2024-03-01'))).status, 200, 'a leap day is a date');
    });

    it('422 when the end is before the start, or the range is over 366 days', async () => {
      const before = errorsOf(await call(sandbox, path('?start_date=2025-03-10&end_date=2025-03-09')), 422);
      assert.deepEqual(before, [{ type: 'validation', field: 'end_date', message: 'must be on or after start_date' }]);
      const long = errorsOf(await call(sandbox, path('?start_date=2024-01-01&end_date=2025-01-01')), 422);
      assert.equal(long[0]!.field, 'end_date');
      assert.match(long[0]!.message, /366 days/);
      assert.equal((await call(sandbox, path('?start_date=2024-01-01&end_date=2024-12-31'))).status, 200, '366 days is allowed');
    });

    it('404 for an unknown user or one the requester cannot see', async () => {
      errorsOf(await call(sandbox, '/users/999999/capacity?start_date=2025-01-01&end_date=2025-01-02'), 404);
      errorsOf(await call(sandbox, `/users/${ids.japanese}/capacity?start_date=2025-01-01&end_date=2025-01-02`, { token: sandbox.memberToken }), 404);
    });
  });
});
