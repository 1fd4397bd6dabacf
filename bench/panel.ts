// Panel: in the workbench (code-server + Chromium, the .vsix installed, the sandbox at 0 ms), a click on a
// teammate's row in the Teammates tree → the capacity chart (`svg.chart`) present in the profile's webview
// (two iframes deep: iframe.webview → iframe#active-frame, whose document VS Code writes into a fake.html).
// t0 is taken in Node just before the mouse click is sent; t1 inside the webview's own document: a
// MutationObserver installed as soon as the new frame exists stamps the chart's insertion with
// performance.timeOrigin + performance.now() (the same wall clock as Node's on this machine). All editors are
// closed between runs, so every run creates a new panel and webview.
//
// Milestones per run, from the same clocks: the webview document's navigation start (its timeOrigin), the
// service worker answering its first fetch (navigation timing's workerStart: VS Code's webviews load through
// a service worker), the page's script loaded, the sandbox (in this process) receiving and answering the
// capacity request. In code-server every webview shares one origin, so each new webview registers its service
// worker over the previous one's and its first load waits for the swap, about a second here; desktop VS Code
// gives each webview an origin (and worker) of its own. That wait is reported apart.
import type { Frame, Page } from 'playwright-core';
import { startWorkbenchSession } from '../test/e2e/session';
import { figure, Figure, median } from './stats';

const GROUP = 'Project Manager'; // 12 people in the default sandbox, all in view once expanded
const ME = 'Alex Rivera';

export interface PanelRun {
  readonly person: string;
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

export async function measurePanel(vsix: string, runs: number, log: (line: string) => void): Promise<{ figures: Figure[]; runs: PanelRun[] }> {
  const session = await startWorkbenchSession({ vsix, sandbox: { latencyMs: 0 } });
  const results: PanelRun[] = [];
  try {
    const workbench = await session.openWorkbench();
    const { page } = workbench;
    await workbench.openKantata();
    // Sign in through the palette, as a user does (only Workbench methods that have been there from the start).
    await workbench.runCommand('Kantata: Sign In');
    await workbench.typeIntoQuickInput(session.sandbox.adminToken);
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
    for (let run = 0; run < runs; run++) {
      const person = people[run % people.length] as string;
      await workbench.runCommand('View: Close All Editors');
      await page.locator('.part.editor iframe.webview').waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
      const row = workbench.treeRow(person).first();
      await row.scrollIntoViewIfNeeded({ timeout: 15_000 });
      const box = await row.boundingBox({ timeout: 15_000 });
      if (!box) {
        throw new Error(`the row of ${person} is not on screen`);
      }
      const framesBefore = new Set(page.frames());
      session.sandbox.clearRequests();
      const started = now();
      const waiting = chartTime(page, framesBefore);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const { at, seenLate, frameAt, resources } = await waiting;
      // The sandbox runs in this process: its request times are this process's performance.now().
      const capacity = session.sandbox.requests.find((request) => /\/capacity(\.json)?$/.test(request.path));
      const since = (time: number | undefined) => (time === undefined || time === 0 ? undefined : performance.timeOrigin + time - started);
      const fetched = resources.map((entry) => ({ name: entry.name, startMs: Math.round(entry.startAt - started), endMs: Math.round(entry.endAt - started) }));
      const worker = fetched.find((entry) => entry.name === 'service worker');
      const script = fetched.find((entry) => entry.name === 'webview.js');
      const result: PanelRun = {
        person,
        ms: at - started,
        frameMs: frameAt - started,
        serviceWorkerWaitMs: worker && worker.startMs > 0 ? Math.max(0, worker.startMs - (frameAt - started)) : 0,
        ...(script ? { scriptLoadedMs: script.endMs } : {}),
        ...(capacity ? { capacityRequestMs: since(capacity.startedAt), capacityAnsweredMs: since(capacity.finishedAt) } : {}),
        resources: fetched,
        seenLate,
      };
      results.push(result);
      const milestone = (value: number | undefined) => (value === undefined ? '?' : value.toFixed(0));
      log(
        `  panel ${run + 1}/${runs}: ${person}: ${result.ms.toFixed(0)} ms (webview document ${milestone(result.frameMs)}, service worker wait ${milestone(result.serviceWorkerWaitMs)}, ` +
          `script loaded ${milestone(result.scriptLoadedMs)}, capacity request ${milestone(result.capacityRequestMs)}–${milestone(result.capacityAnsweredMs)})${seenLate ? ' (chart seen late)' : ''}`,
      );
    }
  } finally {
    const problems = await session.stop();
    if (problems.length > 0) {
      log(`  panel: the extension host logs show ${problems.length} unhandled error(s) of the extension`);
    }
  }
  const medianOf = (pick: (run: PanelRun) => number | undefined) => median(results.flatMap((run) => (pick(run) === undefined ? [] : [pick(run) as number])));
  const milestones =
    `median milestones after the click: webview document ${medianOf((run) => run.frameMs).toFixed(0)} ms, ` +
    `script loaded ${medianOf((run) => run.scriptLoadedMs).toFixed(0)} ms, capacity answered ${medianOf((run) => run.capacityAnsweredMs).toFixed(0)} ms`;
  return {
    runs: results,
    figures: [
      figure('panel.openToChart', 'panel: click a teammate → capacity chart shown', 'ms', results.map((run) => run.ms), {
        target: { kind: 'max', value: 400 },
        note:
          `workbench (code-server + Chromium), sandbox at 0 ms, a new panel each run (the first is the workbench's first webview); ${milestones}` +
          (results.some((run) => run.seenLate) ? `; ${results.filter((run) => run.seenLate).length} run(s) seen late (upper bound)` : ''),
      }),
      figure('panel.serviceWorkerWait', 'panel: of it, code-server\'s webview worker swap', 'ms', results.map((run) => run.serviceWorkerWaitMs), {
        note: 'the new webview\'s first load waiting for its service worker (one origin for every webview in code-server; one each in desktop VS Code)',
      }),
      figure('panel.withoutWorkerSwap', 'panel: click → chart without that wait', 'ms', results.map((run) => run.ms - run.serviceWorkerWaitMs), {
        note: 'what desktop VS Code would show: the same runs minus the worker swap',
      }),
    ],
  };
}
