// Panel: in the workbench (code-server + Chromium, the .vsix installed, the sandbox at 0 ms), a click on a
// teammate's row in the Teammates tree → the capacity chart (`svg.chart`) present in the profile's webview
// (two iframes deep: iframe.webview → iframe#active-frame, whose document VS Code writes into a fake.html).
// t0 is taken in Node just before the mouse click is sent; t1 inside the webview's own document: a
// MutationObserver stamps the chart's insertion with performance.timeOrigin + performance.now() (the same wall
// clock as Node's on this machine). Each round closes all editors, then clicks four teammates one after
// another: the first click opens the preview panel (a new webview: `panel.first`, against its floor, the
// click → the webview document starting), the next three are shown in that same preview panel (`panel.repeat`).
//
// Milestones per run, from the same clocks: the webview document's navigation start (its timeOrigin), the
// service worker answering its first fetch (navigation timing's workerStart: VS Code's webviews load through
// a service worker), the page's script loaded, the sandbox (in this process) receiving and answering the
// capacity request. In code-server every webview shares one origin, so each new webview registers its service
// worker over the previous one's and its first load waits for the swap, about a second here; desktop VS Code
// gives each webview an origin (and worker) of its own. That wait is reported apart.
import type { Frame, Page } from 'playwright-core';
import type { Sandbox } from '../test/sandbox/server';
import { startWorkbenchSession } from '../test/e2e/session';
import type { Workbench } from '../test/e2e/workbench';
import { figure, Figure, median } from './stats';

const GROUP = 'Project Manager'; // 12 people in the default sandbox, all in view once expanded
const ME = 'Alex Rivera';
/** Clicks after a round's first: each shows the next person in the preview panel. */
const REPEATS = 3;

export interface PanelRun {
  readonly person: string;
  /**
   * The window's first panel; a new panel later in the window (after all editors were closed: in code-server
   * it waits for the webview service worker swap); or a click shown in the open preview panel.
   */
  readonly kind: 'first' | 'new' | 'repeat';
  /** Click → chart. */
  readonly ms: number;
  /** Click → the webview document's navigation start. */
  readonly frameMs: number;
  /** Navigation start → the service worker handling its first fetch (0 when none controls the page). */
  readonly serviceWorkerWaitMs: number;
  /** Click → the page's script (dist/webview.js) loaded. */
  readonly scriptLoadedMs?: number;
  /** Click → the sandbox receiving the capacity request, and answering it. */
  readonly capacityRequestMs?: number;
  readonly capacityAnsweredMs?: number;
  /** Everything the document fetched, after the click. */
  readonly resources: readonly { name: string; startMs: number; endMs: number }[];
  /** The chart was already there when the observer got in: then t1 is when it was seen (later, not earlier). */
  readonly seenLate: boolean;
}

const now = () => performance.timeOrigin + performance.now();

/**
 * Runs inside the webview's document (a string: this program is compiled without the DOM's types): when
 * svg.chart is inserted, its wall-clock time; null after 250 ms without it, so the caller looks again (the
 * frame's document may have been replaced meanwhile).
 */
const IN_FRAME_WAIT = `new Promise((resolve) => {
  const stamp = () => performance.timeOrigin + performance.now();
  const resources = () => [
    ...performance.getEntriesByType('navigation').flatMap((entry) => [
      { name: 'service worker', startAt: performance.timeOrigin + entry.workerStart, endAt: performance.timeOrigin + entry.fetchStart },
      { name: 'fake.html request', startAt: performance.timeOrigin + entry.requestStart, endAt: performance.timeOrigin + entry.responseEnd },
      { name: 'fake.html DOMContentLoaded', startAt: performance.timeOrigin + entry.domContentLoadedEventStart, endAt: performance.timeOrigin + entry.domContentLoadedEventEnd },
    ]),
    ...performance.getEntriesByType('resource').map((entry) => ({
      name: entry.name.split('/').pop().split('?')[0],
      startAt: performance.timeOrigin + entry.startTime,
      endAt: performance.timeOrigin + entry.responseEnd,
    })),
  ];
  if (document.querySelector('svg.chart')) {
    resolve({ at: stamp(), seenLate: true, frameAt: performance.timeOrigin, resources: resources() });
    return;
  }
  const observer = new MutationObserver(() => {
    if (document.querySelector('svg.chart')) {
      observer.disconnect();
      resolve({ at: stamp(), seenLate: false, frameAt: performance.timeOrigin, resources: resources() });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  setTimeout(() => {
    observer.disconnect();
    resolve(null);
  }, 250);
})`;

/**
 * Runs inside a profile page that is already open (a string, as above; `name` is JSON): when the page shows
 * `name`'s profile and a chart, the wall-clock time. The page drops the last person's chart as soon as it is
 * told of the next one, so a chart beside the new name is the new person's. Null after 250 ms without it.
 */
const inFrameWaitFor = (name: string) => `new Promise((resolve) => {
  const stamp = () => performance.timeOrigin + performance.now();
  const shown = () => document.querySelector('#profile-name')?.firstChild?.textContent?.trim() === ${JSON.stringify(name)} && document.querySelector('svg.chart');
  if (shown()) {
    resolve({ at: stamp(), seenLate: true, frameAt: performance.timeOrigin, resources: [] });
    return;
  }
  const observer = new MutationObserver(() => {
    if (shown()) {
      observer.disconnect();
      resolve({ at: stamp(), seenLate: false, frameAt: performance.timeOrigin, resources: [] });
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  setTimeout(() => {
    observer.disconnect();
    resolve(null);
  }, 250);
})`;

/** Resolves with the wall-clock time at which `svg.chart` appeared in a frame that did not exist before. */
interface ChartSeen {
  readonly at: number;
  readonly seenLate: boolean;
  /** performance.timeOrigin of the webview's document. */
  readonly frameAt: number;
  /** What the document fetched (script, style sheet): wall-clock start and end. */
  readonly resources: readonly { name: string; startAt: number; endAt: number }[];
}

async function chartTime(page: Page, framesBefore: ReadonlySet<Frame>, timeoutMs = 20_000): Promise<ChartSeen> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const candidates = page.frames().filter((frame) => !framesBefore.has(frame) && frame.url().includes('/fake.html'));
    for (const frame of candidates) {
      try {
        const result = (await frame.evaluate(IN_FRAME_WAIT)) as ChartSeen | null;
        if (result) {
          return result;
        }
      } catch {
        // the frame navigated or went away meanwhile: look again
      }
    }
    if (candidates.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }
  throw new Error(`no svg.chart in a new webview within ${timeoutMs} ms`);
}

/** The wall-clock time at which an open profile page shows `name` with a chart. */
async function chartOfPersonTime(page: Page, name: string, timeoutMs = 20_000): Promise<ChartSeen> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const frames = page.frames().filter((candidate) => candidate.url().includes('/fake.html'));
    if (frames.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    for (const frame of frames) {
      try {
        const result = (await frame.evaluate(inFrameWaitFor(name))) as ChartSeen | null;
        if (result) {
          return result;
        }
      } catch {
        // the frame navigated or went away meanwhile: look again
      }
    }
  }
  throw new Error(`the profile page did not show ${name} with a chart within ${timeoutMs} ms`);
}

async function rowCenter(workbench: Workbench, person: string): Promise<{ x: number; y: number }> {
  const row = workbench.treeRow(person).first();
  await row.scrollIntoViewIfNeeded({ timeout: 15_000 });
  const box = await row.boundingBox({ timeout: 15_000 });
  if (!box) {
    throw new Error(`the row of ${person} is not on screen`);
  }
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** The capacity request's times after `started`, from the sandbox in this process (its performance.now()). */
function capacityTimes(sandbox: Sandbox, started: number): Pick<PanelRun, 'capacityRequestMs' | 'capacityAnsweredMs'> {
  const capacity = sandbox.requests.find((request) => /\/capacity(\.json)?$/.test(request.path));
  const since = (time: number | undefined) => (time === undefined || time === 0 ? undefined : performance.timeOrigin + time - started);
  return capacity ? { capacityRequestMs: since(capacity.startedAt), capacityAnsweredMs: since(capacity.finishedAt) } : {};
}

/** A round's first click: the preview panel opens, a new webview. */
async function clickFirst(page: Page, workbench: Workbench, sandbox: Sandbox, person: string, kind: 'first' | 'new'): Promise<PanelRun> {
  const { x, y } = await rowCenter(workbench, person);
  const framesBefore = new Set(page.frames());
  sandbox.clearRequests();
  const started = now();
  const waiting = chartTime(page, framesBefore);
  await page.mouse.click(x, y);
  const { at, seenLate, frameAt, resources } = await waiting;
  const fetched = resources.map((entry) => ({ name: entry.name, startMs: Math.round(entry.startAt - started), endMs: Math.round(entry.endAt - started) }));
  const worker = fetched.find((entry) => entry.name === 'service worker');
  const script = fetched.find((entry) => entry.name === 'webview.js');
  return {
    person,
    kind,
    ms: at - started,
    frameMs: frameAt - started,
    serviceWorkerWaitMs: worker && worker.startMs > 0 ? Math.max(0, worker.startMs - (frameAt - started)) : 0,
    ...(script ? { scriptLoadedMs: script.endMs } : {}),
    ...capacityTimes(sandbox, started),
    resources: fetched,
    seenLate,
  };
}

/** A later click: the preview panel's page is given the person; no new webview. */
async function clickRepeat(page: Page, workbench: Workbench, sandbox: Sandbox, person: string): Promise<PanelRun> {
  const { x, y } = await rowCenter(workbench, person);
  sandbox.clearRequests();
  const started = now();
  const waiting = chartOfPersonTime(page, person);
  await page.mouse.click(x, y);
  const { at, seenLate } = await waiting;
  return { person, kind: 'repeat', ms: at - started, frameMs: 0, serviceWorkerWaitMs: 0, ...capacityTimes(sandbox, started), resources: [], seenLate };
}

function describeRun(run: PanelRun): string {
  const milestone = (value: number | undefined) => (value === undefined ? '?' : value.toFixed(0));
  const capacity = `capacity request ${milestone(run.capacityRequestMs)}–${milestone(run.capacityAnsweredMs)}`;
  const late = run.seenLate ? ' (chart seen late)' : '';
  return run.kind !== 'repeat'
    ? `${run.person}: ${run.ms.toFixed(0)} ms, a new panel (webview document ${milestone(run.frameMs)}, service worker wait ${milestone(run.serviceWorkerWaitMs)}, script loaded ${milestone(run.scriptLoadedMs)}, ${capacity})${late}`
    : `${run.person}: ${run.ms.toFixed(0)} ms in the preview panel (${capacity})${late}`;
}

/** Signed in, the Project Manager group open: its people's names, in the tree's order. */
async function signedInWithPeople(workbench: Workbench, adminToken: string): Promise<string[]> {
  const { page } = workbench;
  await workbench.openKantata();
  // Sign in through the palette, as a user does (only Workbench methods that have been there from the start).
  await workbench.runCommand('Kantata: Sign In');
  await workbench.typeIntoQuickInput(adminToken);
  await workbench.pressEnter();
  await workbench.waitForNotification(`Signed in as ${ME}`);
  await workbench.waitForQuickInputClosed();
  const group = workbench.treeRow(GROUP).first();
  await group.waitFor({ timeout: 15_000 });
  if ((await group.getAttribute('aria-expanded')) !== 'true') {
    await group.click();
  }
  const peopleRows = page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"] .label-name');
  await peopleRows.first().waitFor({ timeout: 15_000 });
  const people = (await peopleRows.allInnerTexts()).map((label) => label.trim()).filter((label) => label !== '');
  if (people.length === 0) {
    throw new Error(`no people under ${GROUP}`);
  }
  return people;
}

/**
 * One window (a code-server and a browser of their own): two rounds of a click that opens the preview panel
 * and three that are shown in it. The first round's opening click is the window's first panel; the second
 * round's, after all editors were closed, a new panel later in the window.
 */
async function measureWindow(vsix: string, window: number, log: (line: string) => void): Promise<PanelRun[]> {
  const session = await startWorkbenchSession({ vsix, sandbox: { latencyMs: 0 } });
  const results: PanelRun[] = [];
  try {
    const workbench = await session.openWorkbench();
    const { page } = workbench;
    const people = await signedInWithPeople(workbench, session.sandbox.adminToken);
    for (let round = 0; round < 2; round++) {
      await workbench.runCommand('View: Close All Editors');
      await page.locator('.part.editor iframe.webview').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      for (let click = 0; click <= REPEATS; click++) {
        const person = people[(window * 2 * (REPEATS + 1) + round * (REPEATS + 1) + click) % people.length] as string;
        const result = click > 0 ? await clickRepeat(page, workbench, session.sandbox, person) : await clickFirst(page, workbench, session.sandbox, person, round === 0 ? 'first' : 'new');
        results.push(result);
        log(`  panel: window ${window + 1}, round ${round + 1}, click ${click + 1}: ${describeRun(result)}`);
      }
    }
  } finally {
    const problems = await session.stop();
    if (problems.length > 0) {
      log(`  panel: the extension host logs show ${problems.length} unhandled error(s) of the extension`);
    }
  }
  return results;
}

/** `windows` windows, one after another (see measureWindow). */
export async function measurePanel(vsix: string, windows: number, log: (line: string) => void): Promise<{ figures: Figure[]; runs: PanelRun[] }> {
  const results: PanelRun[] = [];
  for (let window = 0; window < windows; window++) {
    results.push(...(await measureWindow(vsix, window, log)));
  }
  return { runs: results, figures: panelFigures(results) };
}

function panelFigures(results: readonly PanelRun[]): Figure[] {
  const ofKind = (kind: PanelRun['kind']) => results.filter((run) => run.kind === kind);
  const [first, later, repeat] = [ofKind('first'), ofKind('new'), ofKind('repeat')];
  const medianOf = (runs: readonly PanelRun[], pick: (run: PanelRun) => number | undefined) => median(runs.flatMap((run) => (pick(run) === undefined ? [] : [pick(run) as number])));
  const floor = medianOf(first, (run) => run.frameMs);
  const late = (runs: readonly PanelRun[]) => (runs.some((run) => run.seenLate) ? `; ${runs.filter((run) => run.seenLate).length} run(s) seen late (upper bound)` : '');
  const capacity = (runs: readonly PanelRun[]) => `capacity answered ${medianOf(runs, (run) => run.capacityAnsweredMs).toFixed(0)} ms after the click (median)`;
  return [
    figure('panel.repeat', 'panel: click another teammate → their chart, in the preview panel', 'ms', repeat.map((run) => run.ms), {
      target: { kind: 'max', value: 250 },
      note: `workbench (code-server + Chromium), sandbox at 0 ms; the preview panel's page is given the next person, no new webview; ${capacity(repeat)}${late(repeat)}`,
    }),
    figure('panel.first', "panel: a window's first click → chart (a new preview panel)", 'ms', first.map((run) => run.ms), {
      target: { kind: 'max', value: Math.round(floor + 150) },
      note: `one per window; the target is the floor below (median) + 150 ms; ${capacity(first)}${late(first)}`,
    }),
    figure('panel.first.floor', 'panel: of it, click → the webview document starting', 'ms', first.map((run) => run.frameMs), {
      note: 'what VS Code takes to create the webview and start its document, before any of our page runs',
    }),
    figure('panel.new', 'panel: a new panel later in the window → chart', 'ms', later.map((run) => run.ms), {
      note: `after all editors were closed; webview document ${medianOf(later, (run) => run.frameMs).toFixed(0)} ms after the click (median)${late(later)}`,
    }),
    figure('panel.serviceWorkerWait', "panel: of it, code-server's webview worker swap", 'ms', later.map((run) => run.serviceWorkerWaitMs), {
      note: "the new webview's first load waiting for its service worker (one origin for every webview in code-server, so each new one replaces the last one's worker; one each in desktop VS Code)",
    }),
    figure('panel.withoutWorkerSwap', 'panel: a new panel later in the window without that wait', 'ms', later.map((run) => run.ms - run.serviceWorkerWaitMs), {
      note: 'what desktop VS Code would show: the same runs minus the worker swap',
    }),
  ];
}
