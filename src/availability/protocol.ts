/**
 * The messages between the Team Availability panel (extension side) and its page (browser side), declared
 * once and imported by both. Only plain data crosses: text and numbers to render, never HTML.
 */
import { AVAILABILITY_PRESETS, type AvailabilityPreset, type WeekStatus } from '../capacity/availability';
import type { DateRange } from '../capacity/capacityRange';
import type { ErrorData } from '../profile/protocol';

export type { ErrorData };

/** One column of the grid: an ISO week, or the part of it inside the range. */
export interface WeekColumn {
  /** `2026-W49` */
  readonly id: string;
  /** `30 Nov – 6 Dec` */
  readonly span: string;
  /** Days of the week inside the range: fewer than 7 for a first week that has begun. */
  readonly dayCount: number;
}

/** A person of the grid, before (and after) their capacity is known. Every string is plain text. */
export interface PersonData {
  readonly id: string;
  readonly name: string;
  readonly role?: string;
  readonly initials: string;
}

/** One week of one person: the figures of `availabilityCells`, and the days behind them. */
export interface CellData {
  readonly hours: number;
  readonly usualHours: number;
  readonly status: WeekStatus;
  /** `20 h of 28 h`: so the cell reads without colour. */
  readonly text: string;
  /** `Mon 30 Nov`, with its hours: shown on hover and focus. */
  readonly days: readonly { readonly label: string; readonly hours: number }[];
}

export interface RowData {
  readonly userId: string;
  /** One per column, in column order. */
  readonly cells: readonly CellData[];
}

/** How the page orders and narrows the rows; the same view is applied to Copy and Save. */
export interface GridView {
  readonly sort: { readonly kind: 'name' } | { readonly kind: 'hours'; readonly week: number };
  /** Rows with at least `minHours` in column `week`; undefined shows everyone. */
  readonly filter?: { readonly week: number; readonly minHours: number };
}

export interface GridProgress {
  /** People whose row is in (or failed). */
  readonly done: number;
  readonly failed: number;
  readonly total: number;
  /** No more requests are under way: every row is in, failed, or was cancelled. */
  readonly finished: boolean;
  readonly cancelled: boolean;
}

export type ToWebview =
  /** A new grid (first load, another range, Refresh): every person, no cells yet. */
  | { readonly type: 'grid'; readonly title: string; readonly preset: AvailabilityPreset; readonly range: DateRange; readonly weeks: readonly WeekColumn[]; readonly people: readonly PersonData[] }
  /** Answers, in the order they came: each replaces that person's row. */
  | { readonly type: 'rows'; readonly rows: readonly RowData[] }
  | { readonly type: 'rowError'; readonly userId: string; readonly error: ErrorData }
  /** These people are asked again (a retry): their rows show loading. */
  | { readonly type: 'rowsLoading'; readonly userIds: readonly string[] }
  | { readonly type: 'progress'; readonly progress: GridProgress }
  /** Photos found in the disk cache, as `data:image/…` URLs. */
  | { readonly type: 'photos'; readonly photos: readonly { readonly userId: string; readonly dataUrl: string }[] }
  /** Nothing can be loaded at all (signed out, no people): instead of the grid. */
  | { readonly type: 'gridError'; readonly error: ErrorData }
  /** Feedback for Copy as Markdown / Save as CSV, for the page's status line. */
  | { readonly type: 'exported'; readonly message: string };

export type FromWebview =
  | { readonly type: 'ready' }
  | { readonly type: 'refresh' }
  | { readonly type: 'cancel' }
  | { readonly type: 'setPreset'; readonly preset: AvailabilityPreset }
  | { readonly type: 'retryRow'; readonly userId: string }
  | { readonly type: 'retryFailed' }
  | { readonly type: 'openProfile'; readonly userId: string }
  | { readonly type: 'copyMarkdown'; readonly view: GridView }
  | { readonly type: 'saveCsv'; readonly view: GridView }
  | { readonly type: 'signIn' }
  | { readonly type: 'showLogs' };

/** What the page keeps with `setState`, so a reloaded window can restore the panel. */
export interface AvailabilityPanelState {
  readonly title: string;
  readonly preset: AvailabilityPreset;
  readonly people: readonly PersonData[];
  readonly view?: GridView;
}

export function isAvailabilityPreset(value: unknown): value is AvailabilityPreset {
  return AVAILABILITY_PRESETS.some(({ id }) => id === value);
}

const MAX_WEEKS = 53;

function isWeekIndex(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < MAX_WEEKS;
}

export function isGridView(value: unknown): value is GridView {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { sort, filter } = value as { sort?: { kind?: unknown; week?: unknown }; filter?: { week?: unknown; minHours?: unknown } };
  const sortOk = sort?.kind === 'name' || (sort?.kind === 'hours' && isWeekIndex(sort.week));
  const filterOk = filter === undefined || (isWeekIndex(filter.week) && typeof filter.minHours === 'number' && Number.isFinite(filter.minHours) && filter.minHours >= 0);
  return sortOk && filterOk;
}

const USER_ID = /^\d{1,18}$/;

/** Checks a message from the page before the extension acts on it: the page is not trusted blindly. */
export function isFromWebview(value: unknown): value is FromWebview {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const message = value as { type?: unknown; userId?: unknown; preset?: unknown; view?: unknown };
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'cancel':
    case 'retryFailed':
    case 'signIn':
    case 'showLogs':
      return true;
    case 'setPreset':
      return isAvailabilityPreset(message.preset);
    case 'retryRow':
    case 'openProfile':
      return typeof message.userId === 'string' && USER_ID.test(message.userId);
    case 'copyMarkdown':
    case 'saveCsv':
      return isGridView(message.view);
    default:
      return false;
  }
}

/** The most people a restored panel brings back; a bigger saved state is not the page's. */
export const MAX_PEOPLE = 20_000;

/** Checks the state a page saved before the panel is rebuilt from it after a reload. */
export function isAvailabilityPanelState(value: unknown): value is AvailabilityPanelState {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const state = value as { title?: unknown; preset?: unknown; people?: unknown; view?: unknown };
  return (
    typeof state.title === 'string' &&
    isAvailabilityPreset(state.preset) &&
    Array.isArray(state.people) &&
    state.people.length <= MAX_PEOPLE &&
    state.people.every(isPersonData) &&
    (state.view === undefined || isGridView(state.view))
  );
}

function isPersonData(value: unknown): value is PersonData {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const person = value as { id?: unknown; name?: unknown; role?: unknown; initials?: unknown };
  return (
    typeof person.id === 'string' &&
    USER_ID.test(person.id) &&
    typeof person.name === 'string' &&
    typeof person.initials === 'string' &&
    (person.role === undefined || typeof person.role === 'string')
  );
}
