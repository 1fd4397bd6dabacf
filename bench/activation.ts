// Activation: the .vsix installed in code-server, one fresh code-server (so one fresh extension host) per
// run, the workbench opened in Chromium and the Kantata view shown, which activates the extension
// (onView:kantata.teammates). The figures are the extension's own log line
//   Activated: load X ms, activate Y ms (bundle evaluated in Z ms).
// (src/extension.ts): load = the bundle's first line (esbuild's banner) evaluated → activate() entered;
// activate = activate() entered → returned; evaluated = the bundle's first line → its last (esbuild's footer).
// Load minus evaluated is VS Code's part: it calls activate() once the module is loaded *and* the extension's
// context (globalState and workspaceState read from the workbench, storage folders) is ready.
// Read from exthostN/kantata-teammates.kantata-teammates/Kantata.log.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../test/harness/browser';
import { startCodeServer } from '../test/harness/codeServer';
import { Workbench } from '../test/e2e/workbench';
import { figure, Figure } from './stats';

const EXTENSION_ID = 'kantata-teammates.kantata-teammates';
const ACTIVATED = /Activated: load ([\d.]+) ms, activate ([\d.]+) ms(?: \(bundle evaluated in ([\d.]+|unknown) ms\))?\./;

export interface ActivationRun {
  readonly loadMs: number;
  readonly activateMs: number;
  /** Of loadMs, evaluating the bundle; undefined for a bundle without the footer mark. */
  readonly evaluateMs?: number;
  /** Which extension host log it came from (exthostN). */
  readonly host: string;
}

/** Every Kantata.log of the extension under a user-data folder's logs. */
export function extensionLogs(userDataDir: string): string[] {
  const logs = path.join(userDataDir, 'logs');
  if (!fs.existsSync(logs)) {
    return [];
  }
  const found: string[] = [];
  for (const session of fs.readdirSync(logs)) {
    const sessionDir = path.join(logs, session);
    for (const host of fs.existsSync(sessionDir) && fs.statSync(sessionDir).isDirectory() ? fs.readdirSync(sessionDir) : []) {
      const file = path.join(sessionDir, host, EXTENSION_ID, 'Kantata.log');
      if (/^exthost\d+$/.test(host) && fs.existsSync(file)) {
        found.push(file);
      }
    }
  }
  return found;
}

function readActivation(userDataDir: string): ActivationRun | undefined {
  for (const file of extensionLogs(userDataDir)) {
    const match = ACTIVATED.exec(fs.readFileSync(file, 'utf8'));
    if (match) {
      const evaluateMs = match[3] === undefined || match[3] === 'unknown' ? undefined : Number(match[3]);
      return {
        loadMs: Number(match[1]),
        activateMs: Number(match[2]),
        ...(evaluateMs === undefined ? {} : { evaluateMs }),
        host: path.basename(path.dirname(path.dirname(file))),
      };
    }
  }
  return undefined;
}

/** How long the workbench is left to finish starting before the view is opened, in the settled runs. */
const SETTLE_MS = 3_000;

export interface ActivationPlan {
  /** Fresh hosts where the view is opened once the workbench has settled (the figures with targets). */
  readonly settledRuns: number;
  /** Fresh hosts where the view is opened as soon as the workbench shows, while it is still starting. */
  readonly startupRuns: number;
}

export async function measureActivation(
  vsix: string,
  plan: ActivationPlan,
  log: (line: string) => void,
): Promise<{ figures: Figure[]; runs: (ActivationRun & { settled: boolean })[] }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-bench-activation-'));
  const extensionsDir = path.join(base, 'extensions'); // installed once, shared by the fresh servers
  const workspace = path.join(base, 'workspace');
  fs.mkdirSync(workspace);
  const browser = await launchBrowser();
  const results: (ActivationRun & { settled: boolean })[] = [];
  const schedule = [...Array<boolean>(plan.settledRuns).fill(true), ...Array<boolean>(plan.startupRuns).fill(false)];
  try {
    for (const [run, settled] of schedule.entries()) {
      const userDataDir = path.join(base, `user-data-${run}`);
      const server = await startCodeServer({
        workspace,
        userDataDir,
        extensionsDir,
        ...(run === 0 ? { vsixToInstall: vsix } : {}),
        settings: { 'remote.autoForwardPorts': false },
      });
      const page = await browser.context.newPage();
      try {
        const workbench = await Workbench.open(page, `${server.url}/?folder=${encodeURIComponent(workspace)}`);
        if (settled) {
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        }
        await workbench.openKantata(); // activates the extension (onView:kantata.teammates)
        const deadline = Date.now() + 30_000;
        let result = readActivation(userDataDir);
        while (!result && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          result = readActivation(userDataDir);
        }
        await page.close();
        await server.stop(); // flushes the logs, in case the line was still buffered
        result ??= readActivation(userDataDir);
        if (!result) {
          throw new Error(`no "Activated: …" line in the extension's log under ${userDataDir}/logs`);
        }
        results.push({ ...result, settled });
        const evaluated = result.evaluateMs === undefined ? '' : ` (bundle evaluated in ${result.evaluateMs.toFixed(2)} ms)`;
        log(`  activation ${run + 1}/${schedule.length}${settled ? '' : ' (during start-up)'}: load ${result.loadMs.toFixed(2)} ms${evaluated}, activate ${result.activateMs.toFixed(2)} ms`);
      } finally {
        await page.close().catch(() => undefined);
        await server.stop();
        fs.rmSync(userDataDir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(base, { recursive: true, force: true });
  }
  const settledRuns = results.filter((run) => run.settled);
  const startupRuns = results.filter((run) => !run.settled);
  const vscodeWait = (run: ActivationRun) => run.loadMs - (run.evaluateMs ?? 0);
  const note = `${settledRuns.length} fresh code-server extension hosts, the .vsix installed, the view opened ${SETTLE_MS / 1000} s after the workbench showed; the extension's own "Activated:" log line`;
  const figures: Figure[] = [
    figure('activation.load', 'activation: load (bundle evaluated → activate())', 'ms', settledRuns.map((run) => run.loadMs), { target: { kind: 'max', value: 60 }, note }),
    figure('activation.activate', 'activation: activate() entered → returned', 'ms', settledRuns.map((run) => run.activateMs), { target: { kind: 'max', value: 20 }, note }),
  ];
  if (settledRuns.every((run) => run.evaluateMs !== undefined)) {
    figures.push(
      figure('activation.evaluate', 'activation: of load, evaluating the bundle', 'ms', settledRuns.map((run) => run.evaluateMs ?? 0), {
        note: "the bundle's first line → its last (esbuild's banner and footer)",
      }),
      figure('activation.vscodeWait', 'activation: of load, VS Code preparing the context', 'ms', settledRuns.map(vscodeWait), {
        note: 'load minus evaluating: VS Code calls activate() once the module is loaded and the extension context (its storage, read from the workbench) is ready',
      }),
    );
  }
  if (startupRuns.length > 0) {
    figures.push(
      figure('activation.startup.load', 'activation during workbench start-up: load', 'ms', startupRuns.map((run) => run.loadMs), {
        note: `${startupRuns.length} more fresh hosts, the view opened as soon as the workbench showed`,
      }),
      figure('activation.startup.vscodeWait', 'activation during workbench start-up: of it, VS Code', 'ms', startupRuns.map(vscodeWait), {
        note: 'the extension context waits for the workbench, busy starting up, to answer for its storage',
      }),
    );
  }
  return { runs: results, figures };
}
