// The Team Availability page's script: renders what the extension sends (a grid of people by weeks, filled
// in as answers come), and sends back what the user asks for. It builds the DOM from text (materialize.ts,
// never innerHTML) and keeps just enough state (title, preset, people, view) to restore the panel at once.
import type { AvailabilityPreset } from '../../capacity/availability';
import type { DateRange } from '../../capacity/capacityRange';
import { materialize } from '../../profile/browser/materialize';
import { compareText } from '../../locale/displayLanguage';
import { usePageLanguage } from '../../locale/pageLanguage';
import { type ErrorData, type FromWebview, type GridProgress, type GridView, isAvailabilityPanelState, type AvailabilityPanelState, isAvailabilityPreset, type PersonData, type ToWebview, type WeekColumn } from '../protocol';
import { DEFAULT_VIEW, fitView, showsCancel, showsRetryFailed, startingProgress, viewFromControls } from '../view/gridModel';
import { REGION, renderDays, renderFrame, renderGridError, renderProgress, renderToolbar, renderViewControls, renderWaiting } from '../view/gridView';
import { GridTable } from './gridTable';
import { DaysPopover } from './popover';
import { fill, perFrame, region } from './regions';

// The webview's handle on VS Code: messages to the extension, and the state kept for a restored panel.
interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: AvailabilityPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Once per page: VS Code refuses a second call. */
const vscode: VsCodeApi = acquireVsCodeApi();
usePageLanguage(document.documentElement.lang, document.body.dataset.l10n);

interface PageState {
  readonly title: string;
  readonly preset?: AvailabilityPreset;
  /** Set once a grid came: before, a restored panel shows its people without weeks. */
  readonly range?: DateRange;
  readonly weeks: readonly WeekColumn[];
  readonly people: readonly PersonData[];
  readonly view: GridView;
  readonly progress?: GridProgress;
  readonly error?: ErrorData;
}

const photos = new Map<string, string>();
let page: PageState = restoredState();
let table: GridTable | undefined;
let toolbarShown = '';

function restoredState(): PageState {
  const saved: unknown = vscode.getState();
  if (isAvailabilityPanelState(saved)) {
    return { title: saved.title, preset: saved.preset, weeks: [], people: saved.people, view: saved.view ?? DEFAULT_VIEW };
  }
  return { title: document.title, weeks: [], people: [], view: DEFAULT_VIEW };
}

const saveState = perFrame(() => {
  if (page.preset) {
    vscode.setState({ title: page.title, preset: page.preset, people: page.people, view: page.view });
  }
});

const showProgress = perFrame(() => fill(region(REGION.progress), page.error ? [] : renderProgress(page.progress)));

function showTitle(): void {
  region(REGION.title).textContent = page.title;
  document.title = page.title;
}

/** The toolbar changes only with the preset and whether Cancel or Retry failed apply: rebuilt only then. */
function showToolbar(): void {
  const progress = page.error ? undefined : page.progress;
  const key = JSON.stringify([page.preset, showsCancel(progress), showsRetryFailed(progress), progress?.failed]);
  if (key !== toolbarShown) {
    toolbarShown = key;
    fill(region(REGION.toolbar), [renderToolbar(page.preset, progress)], '[data-action="refresh"]');
  }
}

function showControls(): void {
  const controls = region(REGION.controls);
  fill(controls, page.error ? [] : [renderViewControls(page.weeks, page.view)]);
}

function showBody(): void {
  table?.dispose();
  table = undefined;
  const body = region(REGION.body);
  if (page.error) {
    fill(body, [renderGridError(page.error)]);
  } else if (page.range === undefined && page.people.length === 0) {
    fill(body, [renderWaiting()]);
  } else {
    // Before a grid (a restored panel) the weeks are unknown: the people are shown in name order, unfiltered.
    const view = page.weeks.length > 0 ? page.view : DEFAULT_VIEW;
    table = new GridTable(page, view, photos, () => popover.sync());
    body.replaceChildren(table.element);
  }
  popover.sync();
}

function showAll(): void {
  showTitle();
  showToolbar();
  showProgress();
  showControls();
  showBody();
}

function receiveGrid(message: Extract<ToWebview, { type: 'grid' }>): void {
  const { title, preset, range, weeks, people } = message;
  page = { title, preset, range, weeks, people, view: fitView(page.view, weeks.length), progress: startingProgress(people.length) };
  showAll();
  saveState();
}

function receiveProgress(progress: GridProgress): void {
  page = { ...page, progress };
  showToolbar();
  showProgress();
}

function receiveGridError(error: ErrorData): void {
  page = { ...page, error, progress: undefined };
  showToolbar();
  showProgress();
  showControls();
  showBody();
}

function receive(message: ToWebview): void {
  switch (message.type) {
    case 'grid':
      receiveGrid(message);
      break;
    case 'rows':
      table?.setRows(message.rows);
      break;
    case 'rowError':
      table?.setState(message.userId, { kind: 'error', error: message.error });
      break;
    case 'rowsLoading':
      for (const userId of message.userIds) {
        table?.setState(userId, { kind: 'loading' });
      }
      break;
    case 'progress':
      receiveProgress(message.progress);
      break;
    case 'photos':
      for (const { userId, dataUrl } of message.photos) {
        photos.set(userId, dataUrl);
        table?.setPhoto(userId, dataUrl);
      }
      break;
    case 'gridError':
      receiveGridError(message.error);
      break;
    case 'exported':
      region(REGION.status).textContent = message.message;
      break;
  }
}

/** The view the sort and filter controls now describe; kept, applied to the table, sent with Copy and Save. */
function readControls(): void {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
  if (page.weeks.length === 0) {
    return;
  }
  const view = viewFromControls(value('sort-by'), value('filter-hours'), value('filter-week'), page.weeks.length);
  if (JSON.stringify(view) !== JSON.stringify(page.view)) {
    page = { ...page, view };
    table?.setView(view);
    saveState();
  }
}

function clearFilter(): void {
  const hours = document.getElementById('filter-hours');
  if (hours instanceof HTMLInputElement) {
    hours.value = '';
    hours.focus();
  }
  readControls();
}

/** What a click on a control with `data-action` asks for. */
function act(action: string, target: HTMLElement): void {
  const userId = target.dataset.userId ?? '';
  switch (action) {
    case 'refresh':
    case 'cancel':
    case 'retryFailed':
    case 'signIn':
    case 'showLogs':
      vscode.postMessage({ type: action });
      break;
    case 'setPreset':
      if (isAvailabilityPreset(target.dataset.preset)) {
        vscode.postMessage({ type: 'setPreset', preset: target.dataset.preset });
      }
      break;
    case 'openProfile':
    case 'retryRow':
      vscode.postMessage({ type: action, userId });
      break;
    case 'copyMarkdown':
    case 'saveCsv':
      vscode.postMessage({ type: action, view: page.view });
      break;
    case 'clearFilter':
      clearFilter();
      break;
  }
}

document.addEventListener('click', (event) => {
  const target = (event.target as Element | null)?.closest<HTMLElement>('[data-action]');
  const action = target?.dataset.action;
  if (!target || !action) {
    return;
  }
  // VS Code's own listener on the page's window opens links it sees clicked: the click must not get that far.
  event.preventDefault();
  event.stopPropagation();
  act(action, target);
});

document.addEventListener('change', (event) => {
  if (event.target instanceof HTMLElement && event.target.dataset.control) {
    readControls();
  }
});
document.addEventListener('input', (event) => {
  if (event.target instanceof HTMLElement && event.target.dataset.control) {
    readControls();
  }
});

window.addEventListener('message', (event: MessageEvent<ToWebview>) => receive(event.data));

const root = region('availability-root');
root.replaceChildren(materialize(renderFrame(page.title)));
const popover = new DaysPopover(
  region(REGION.popover),
  () => table?.element,
  (cell) => {
    const found = table?.cellAt(cell.closest('tr')?.dataset.userId ?? '', Number(cell.dataset.week));
    return found && renderDays(found.week, found.cell);
  },
);
showAll();
// Makes the name collator now, while the page loads (tens of ms the first time), not when 500 people come.
compareText('', '');
// For `npm run bench` (bench/availability.ts): when the page said ready, read in the frame for the time from
// ready to the first row with data. A user-timing mark costs nothing measurable and is never sent anywhere.
performance.mark('kantata-availability-ready');
vscode.postMessage({ type: 'ready' });
