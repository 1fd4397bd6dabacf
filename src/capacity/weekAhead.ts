/**
 * "Is this person around?" in one line: the working week ahead, from the same capacity answer Team
 * Availability asks for by default (today to the Sunday after next), so an answer the grid already has is
 * reused from the capacity cache without a request. The usual week comes from the whole answer, so a
 * holiday today does not count as a usual day off. Pure: no `vscode`.
 */
import * as l10n from '@vscode/l10n';
import type { Capacity } from '../kantata/types';
import { weekdayOf } from '../kantata/isoDate';
import { availabilityCells, availabilityRange, type WeekStatus } from './availability';
import { formatHoursNumber } from './capacitySummary';
import type { DateRange } from './capacityRange';

/** The capacity range to ask for: the grid's default range, which always holds the week ahead. */
export function weekAheadRange(today: string): DateRange {
  return availabilityRange('next2Weeks', today);
}

export interface WeekAhead {
  /** `this week` on a weekday; `next week` on Saturday and Sunday, when this week has no working day left. */
  readonly when: 'this week' | 'next week';
  readonly hours: number;
  readonly usualHours: number;
  readonly status: WeekStatus;
  /**
   * `This week: 40 h` (available hours), `This week: 32 of 40 h` (fewer than usual), `Away this week`, `No hours
   * this week` (no usual week to compare with); short enough for a tree row's description. In the display
   * language when the answer came (`Diese Woche: 32 von 40 Std.`).
   */
  readonly text: string;
}

/** The week ahead of `today` in an answer for `weekAheadRange(today)` (or any range starting today that holds it). */
export function weekAhead(capacity: Capacity, today: string): WeekAhead {
  const cells = availabilityCells(capacity);
  const weekend = weekdayOf(today) >= 5;
  const when = weekend ? 'next week' : 'this week';
  const cell = (weekend ? cells[1] : cells[0]) ?? cells[0];
  if (!cell) {
    return { when, hours: 0, usualHours: 0, status: 'out', text: weekAheadText(0, 0, 'out', when) };
  }
  return { when, hours: cell.hours, usualHours: cell.usualHours, status: cell.status, text: weekAheadText(cell.hours, cell.usualHours, cell.status, when) };
}

/** Whole sentences for this week and for next week: a translation may put the week anywhere. */
function weekAheadText(hours: number, usualHours: number, status: WeekStatus, when: WeekAhead['when']): string {
  const thisWeek = when === 'this week';
  if (status === 'out') {
    if (usualHours > 0) {
      return thisWeek ? l10n.t('Away this week') : l10n.t('Away next week');
    }
    return thisWeek ? l10n.t('No hours this week') : l10n.t('No hours next week');
  }
  const available = formatHoursNumber(hours);
  if (status === 'full' || usualHours <= 0) {
    return thisWeek ? l10n.t('This week: {0} h', available) : l10n.t('Next week: {0} h', available);
  }
  const usual = formatHoursNumber(usualHours);
  return thisWeek ? l10n.t('This week: {0} of {1} h', available, usual) : l10n.t('Next week: {0} of {1} h', available, usual);
}
