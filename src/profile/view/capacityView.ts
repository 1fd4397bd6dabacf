import * as l10n from '@vscode/l10n';
import { formatHours, shortDay, summarizeCapacity } from '../../capacity/capacitySummary';
import type { Capacity } from '../../kantata/types';
import { CAPACITY_PRESETS, capacityPresetLabel, type CapacityPreset, type DateRange } from '../../capacity/capacityRange';
import { formatNumber } from '../../locale/displayLanguage';
import type { ErrorData } from '../protocol';
import { renderError, renderLoading } from './profileView';
import { h, sentenceAround, svg, VElement, VNode } from './vnode';

/** What the capacity section shows; the page keeps it and re-renders the section from it. */
export interface CapacitySectionState {
  readonly range?: DateRange;
  readonly preset?: CapacityPreset;
  readonly status: 'idle' | 'loading' | 'loaded' | 'error';
  readonly capacity?: Capacity;
  readonly error?: ErrorData;
  /** A problem with the dates typed in, shown next to the inputs; no request was made. */
  readonly invalid?: { readonly message: string; readonly field?: 'start' | 'end' };
}

function controls(state: CapacitySectionState): VElement {
  const presets = CAPACITY_PRESETS.map(({ id }) =>
    h('button', { type: 'button', 'data-action': 'preset', 'data-preset': id, 'aria-pressed': String(state.preset === id) }, capacityPresetLabel(id)),
  );
  const invalid = state.invalid;
  return h(
    'div',
    { class: 'capacity-controls' },
    h('div', { class: 'presets', role: 'group', 'aria-label': l10n.t('Date range presets') }, presets),
    h(
      'form',
      { class: 'custom-range', 'data-action': 'customRange', 'aria-label': l10n.t('Custom date range'), novalidate: '' },
      h('label', { for: 'range-start' }, l10n.t({ message: 'Start', comment: ['The label of the first date of a custom range'] })),
      h('input', { id: 'range-start', name: 'start', type: 'date', value: state.range?.start ?? '', 'aria-invalid': String(invalid?.field === 'start'), 'aria-describedby': 'range-message' }),
      h('label', { for: 'range-end' }, l10n.t({ message: 'End', comment: ['The label of the last date of a custom range'] })),
      h('input', { id: 'range-end', name: 'end', type: 'date', value: state.range?.end ?? '', 'aria-invalid': String(invalid?.field === 'end'), 'aria-describedby': 'range-message' }),
      h('button', { type: 'submit' }, l10n.t({ message: 'Show', comment: ['A button: shows the capacity of the dates typed in'] })),
      h('p', { id: 'range-message', class: 'range-message', role: 'alert' }, invalid?.message ?? ''),
    ),
  );
}

type Summary = ReturnType<typeof summarizeCapacity>;

/** "23 Nov – 29 Nov", and "(part)" when the range covers only some of the week's days. */
function weekLabel(week: Summary['weeks'][number]): string {
  return week.dayCount < 7 ? l10n.t({ message: '{0} (part)', args: [week.span], comment: ['A week the range covers only some days of, e.g. "29 Nov (part)"'] }) : week.span;
}

function chart(summary: Summary): VElement {
  const barWidth = 14;
  const gap = 4;
  const height = 80;
  const axis = 16;
  const scale = summary.maxDayHours > 0 ? summary.maxDayHours : 1;
  const width = summary.days.length * (barWidth + gap);
  const bars = summary.days.map((day, index) => {
    const x = index * (barWidth + gap);
    const barHeight = day.isZero ? 2 : Math.max(2, (day.hours / scale) * height);
    const kind = day.isWeekend ? 'weekend' : day.isZero ? 'zero' : 'work';
    return svg('rect', { class: `bar ${kind}`, x: String(x), y: String(height - barHeight), width: String(barWidth), height: String(barHeight), rx: '2' }, svg('title', {}, `${day.label}: ${formatHours(day.hours)}`));
  });
  // A date under every Monday (and the first day), so the bars can be told apart.
  const ticks = summary.days.flatMap((day, index) =>
    index === 0 || day.weekday === 0 ? [svg('text', { class: 'tick', x: String(index * (barWidth + gap)), y: String(height + axis - 3) }, shortDay(day.date))] : [],
  );
  // The table below carries the same numbers for screen readers; the chart is decoration to them.
  const fullWidth = Math.max(width, 60);
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${fullWidth} ${height + axis}`, width: String(fullWidth), height: String(height + axis), 'aria-hidden': 'true', focusable: 'false' },
    bars,
    ticks,
  );
}

/** `Total 28.5 h over 5 working days`, the total in bold. */
function total(summary: Summary): VNode[] {
  const days = formatNumber(summary.workingDays);
  // No value for {0}: the bold total goes there (sentenceAround).
  const sentence =
    summary.workingDays === 1
      ? l10n.t({ message: 'Total {0} over {1} working day', args: { 1: days }, comment: ['{0}: the total hours, in bold ("28.5 h"); {1}: the number of working days'] })
      : l10n.t({ message: 'Total {0} over {1} working days', args: { 1: days }, comment: ['{0}: the total hours, in bold ("28.5 h"); {1}: the number of working days'] });
  return sentenceAround(sentence, h('strong', { 'data-testid': 'capacity-total' }, formatHours(summary.totalHours)));
}

function results(capacity: Capacity): VElement {
  const summary = summarizeCapacity(capacity);
  return h(
    'div',
    { class: 'capacity-results' },
    h('p', { class: 'total' }, total(summary)),
    h(
      'ul',
      { class: 'weeks', 'aria-label': l10n.t('Hours per week') },
      summary.weeks.map((week) => h('li', { title: week.label }, h('span', { class: 'week' }, weekLabel(week)), ` ${formatHours(week.hours)}`)),
    ),
    chart(summary),
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'swatch work' }),
      ` ${l10n.t('working day')} `,
      h('span', { class: 'swatch weekend' }),
      ` ${l10n.t('weekend')} `,
      h('span', { class: 'swatch zero' }),
      ` ${l10n.t('no capacity')}`,
    ),
    h(
      'details',
      {},
      h('summary', {}, l10n.t('Hours per day')),
      h(
        'table',
        {},
        h('caption', {}, l10n.t('Capacity from {0} to {1}', capacity.startDate, capacity.endDate)),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, l10n.t('Day')), h('th', { scope: 'col' }, l10n.t('Hours')))),
        h('tbody', {}, summary.days.map((day) => h('tr', { class: day.isWeekend ? 'weekend' : undefined }, h('th', { scope: 'row' }, day.label), h('td', {}, formatHours(day.hours))))),
      ),
    ),
  );
}

/** The capacity section: presets, custom dates, then the numbers (or loading / error inside the section). */
export function renderCapacitySection(state: CapacitySectionState): VElement {
  let body: VElement | undefined;
  if (state.status === 'loading') {
    body = renderLoading(l10n.t('Loading capacity…'));
  } else if (state.status === 'error' && state.error) {
    body = renderError(state.error, 'retryCapacity');
  } else if (state.status === 'loaded' && state.capacity) {
    body = results(state.capacity);
  }
  return h('section', { id: 'capacity', class: 'capacity', 'aria-labelledby': 'capacity-heading', tabindex: '-1' }, h('h2', { id: 'capacity-heading' }, l10n.t('Capacity')), controls(state), body);
}
