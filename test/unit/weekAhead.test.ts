import * as assert from 'node:assert/strict';
import { weekAhead, weekAheadRange } from '../../src/capacity/weekAhead';
import { addDays, weekdayOf } from '../../src/kantata/isoDate';
import type { Capacity } from '../../src/kantata/types';

function capacityOf(range: { start: string; end: string }, hoursOn: (date: string, weekday: number) => number): Capacity {
  const days = [];
  for (let date = range.start; date <= range.end; date = addDays(date, 1)) {
    days.push({ date, hours: hoursOn(date, weekdayOf(date)) });
  }
  return { startDate: range.start, endDate: range.end, days };
}
const fullTime = (_date: string, weekday: number) => (weekday < 5 ? 8 : 0);

describe('the week ahead: one line on whether a person is around', () => {
  it('asks for the grid default range, so the grid answers are reused', () => {
    assert.deepEqual(weekAheadRange('2026-12-03'), { start: '2026-12-03', end: '2026-12-13' });
  });

  it('on a weekday counts the days left this week against the usual hours of those days', () => {
    const today = '2026-12-03'; // Thursday: Thu + Fri left
    assert.deepEqual(weekAhead(capacityOf(weekAheadRange(today), fullTime), today), {
      when: 'this week',
      hours: 16,
      usualHours: 16,
      status: 'full',
      text: 'This week: 16 h',
    });
  });

  it('a day off today is part of the week, not the usual week (the usual week comes from both weeks)', () => {
    const today = '2026-12-03';
    const capacity = capacityOf(weekAheadRange(today), (date, weekday) => (date === today ? 0 : fullTime(date, weekday)));
    assert.equal(weekAhead(capacity, today).text, 'This week: 8 of 16 h');
    assert.equal(weekAhead(capacity, today).status, 'part');
  });

  it('says away when the week ahead has none of the usual hours, and no hours when there is no usual week', () => {
    const today = '2026-11-30';
    const away = capacityOf(weekAheadRange(today), (date, weekday) => (date <= '2026-12-06' ? 0 : fullTime(date, weekday)));
    assert.equal(weekAhead(away, today).text, 'Away this week');
    assert.equal(weekAhead(capacityOf(weekAheadRange(today), () => 0), today).text, 'No hours this week');
  });

  it('on Saturday and Sunday looks at next week instead of the weekend left', () => {
    for (const today of ['2026-12-05', '2026-12-06']) {
      const result = weekAhead(capacityOf(weekAheadRange(today), fullTime), today);
      assert.equal(result.when, 'next week');
      assert.equal(result.text, 'Next week: 40 h');
    }
  });

  it('rounds part-time figures the way the grid does', () => {
    const today = '2026-11-30';
    const capacity = capacityOf(weekAheadRange(today), (date, weekday) => (weekday < 5 ? (date <= '2026-12-06' && weekday === 4 ? 0 : 7.5) : 0));
    assert.equal(weekAhead(capacity, today).text, 'This week: 30 of 37.5 h');
  });
});
