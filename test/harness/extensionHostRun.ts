// Runs an @vscode/test-electron-style suite (a module exporting `run(): Promise<void>`) inside code-server's
// extension host, against the real `vscode` API, with the extension loaded from its development folder.
// The workbench is opened in headless Chromium with a `payload` query parameter naming both folders as
// vscode-remote:// URIs; the workbench hands the extension host's console output to
// window.codeAutomationLog and the suite's result (0 or 1) to window.codeAutomationExit.
// Plain paths or file:// URIs never run and never report, so every run has a hard timeout.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as util from 'node:util';
import { launchBrowser, type LaunchedBrowser } from './browser';
import { onAbort } from './cleanup';
import { startCodeServer, type CodeServer } from './codeServer';
import { scanExtensionHostLogs, type LogProblem } from './scanLogs';

export interface ExtensionTestRunOptions {
  /** The extension's folder (holding package.json); loaded as a development extension, no VSIX needed. */
  extensionDevelopmentPath: string;
  /** The compiled test module (with or without .js) exporting `run(): Promise<void>`. */
  extensionTestsPath: string;
  /** Hard limit for the whole run, server start included; a suite that never reports fails. Default 120 s. */
  timeoutMs?: number;
  /**
   * Environment for code-server; its extension hosts inherit it, so this is how to hand the suite data
   * (e.g. KANTATA_SANDBOX_URL). Read it in the tests with process.env.
   */
  env?: Record<string, string>;
  /** Folder to open as the workspace. Default: a fresh empty temp folder. */
  workspace?: string;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Remote (Machine) settings: where code-server reads `machine` and `machine-overridable` ones. */
  machineSettings?: Record<string, unknown>;
  /** Echo the extension host's output to this process's stdout as it arrives. Default true. */
  echo?: boolean;
  /**
   * Scan the extension host logs for unhandled errors of this extension id (publisher.name), attributing
   * id-less stack traces by frames in the folder of extensionDevelopmentPath's `main` file.
   */
  scanLogsFor?: string;
  /**
   * With scanLogsFor: how long the extension host keeps running after the suite's run() settles (default
   * 1500 ms), since VS Code logs an unhandled rejection 1 s after it happens. The suite is then loaded through
   * settlingTestsEntry.js, which waits before reporting.
   */
  settleMs?: number;
}

export interface ExtensionTestRunResult {
  /** The suite's exit code: 0 passed, 1 failed, also 1 on timeout or a crashed page. */
  exitCode: number;
  /**
   * Everything the workbench sent to codeAutomationLog, one entry per line: the extension host's console
   * output (the suite's reporter, console.log in the extension) and a few lines of the workbench's own log.
   */
  output: string[];
  timedOut: boolean;
  durationMs: number;
  /** Workbench-side problems (page errors, console errors, crashes): for diagnosing a failed run. */
  browserErrors: string[];
  /** With scanLogsFor: the log lines showing unhandled errors of that extension. */
  logProblems: LogProblem[];
}

/** vscode-remote://127.0.0.1:PORT/abs/path, percent-encoded like a file URI's path. */
export function remoteUri(port: number, fsPath: string): string {
  return `vscode-remote://127.0.0.1:${port}${pathToFileURL(path.resolve(fsPath)).pathname}`;
}

export async function runExtensionTestsInCodeServer(options: ExtensionTestRunOptions): Promise<ExtensionTestRunResult> {
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const echo = options.echo ?? true;
  const output: string[] = [];
  const browserErrors: string[] = [];
  const tempWorkspace = options.workspace ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-workspace-'));
  const workspace = options.workspace ?? (tempWorkspace as string);
  // When scanning, the logs must outlive server.stop() (which flushes them): a user-data folder of our own.
  const userDataDir = options.scanLogsFor ? fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-user-data-')) : undefined;

  // Scanning: load the suite through a wrapper that waits settleMs after it (see settlingTestsEntry.ts).
  const testsEntry = options.scanLogsFor ? path.join(__dirname, 'settlingTestsEntry.js') : options.extensionTestsPath;
  const settleEnv: Record<string, string> = options.scanLogsFor
    ? { KANTATA_HARNESS_TESTS_MODULE: path.resolve(options.extensionTestsPath), KANTATA_HARNESS_SETTLE_MS: String(options.settleMs ?? 1_500) }
    : {};

  const removeFolders = (): void => {
    for (const folder of [tempWorkspace, userDataDir]) {
      if (folder && !(folder === userDataDir && process.env.KEEP_CODE_SERVER_FILES === '1')) {
        fs.rmSync(folder, { recursive: true, force: true });
      }
    }
  };
  const released = onAbort(removeFolders);

  let finish: (code: number) => void = () => undefined;
  const finished = new Promise<number>((resolve) => (finish = resolve));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    const message = `extension tests did not report within ${timeoutMs} ms`;
    output.push(message);
    console.error(message);
    finish(1);
  }, timeoutMs);

  let server: CodeServer | undefined;
  let browser: LaunchedBrowser | undefined;
  let exitCode = 1;
  let logProblems: LogProblem[] = [];
  try {
    server = await startCodeServer({
      workspace,
      ...(userDataDir ? { userDataDir } : {}),
      env: { ...options.env, ...settleEnv },
      ...(options.settings ? { settings: options.settings } : {}),
      ...(options.machineSettings ? { machineSettings: options.machineSettings } : {}),
    });
    browser = await launchBrowser();
    const { page } = browser;
    // KANTATA_TRACE_BROWSER=<file>: every console line, frame and request of the workbench and its webviews,
    // with the suite's output, timed, for finding out what a page waits for.
    const traceFile = process.env.KANTATA_TRACE_BROWSER;
    const trace = traceFile ? (line: string) => fs.appendFileSync(traceFile, `${new Date().toISOString().slice(11, 23)} ${line}\n`) : undefined;
    // Both must exist before the workbench's scripts run: exposeFunction installs them on every load.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      output.push(...text.split('\n'));
      trace?.(`output ${text.slice(0, 300)}`);
      // The workbench's failed gallery look-ups (no internet here) are noise: kept in output, not echoed.
      if (echo && !text.includes('open-vsx.org')) {
        (type === 'error' ? process.stderr : process.stdout).write(text + '\n');
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(typeof code === 'number' ? code : 1));
    page.on('pageerror', (error) => browserErrors.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        browserErrors.push(`console: ${message.text()}`);
      }
    });
    if (trace) {
      page.on('console', (message) => trace(`console.${message.type()} [${message.location().url.slice(0, 80)}] ${message.text().slice(0, 300)}`));
      page.context().on('request', (request) => trace(`request ${request.method()} ${request.url().slice(0, 160)} sw=${request.serviceWorker() ? 1 : 0}`));
      page.context().on('requestfinished', (request) => trace(`finished ${request.url().slice(0, 160)}`));
      page.context().on('requestfailed', (request) => trace(`failed ${request.url().slice(0, 160)} ${request.failure()?.errorText}`));
      page.on('frameattached', (frame) => trace(`frameattached ${frame.url().slice(0, 120)}`));
      page.on('framedetached', (frame) => trace(`framedetached ${frame.url().slice(0, 120)}`));
      page.on('framenavigated', (frame) => trace(`framenavigated ${frame.url().slice(0, 160)}`));
      page.context().on('serviceworker', (worker) => trace(`serviceworker ${worker.url()}`));
    }
    page.on('crash', () => {
      browserErrors.push('the page crashed');
      finish(1);
    });

    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.port, options.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server.port, testsEntry)],
      ['skipWelcome', 'true'],
    ];
    const query = `folder=${encodeURIComponent(path.resolve(workspace))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    await page.goto(`${server.url}/?${query}`, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
    exitCode = await finished;

    // Harmless noise on these machines: 404s and the failing gallery look-ups to open-vsx.
    const worth = browserErrors.filter((line) => !/Failed to load resource|open-vsx\.org|ERR_NAME_NOT_RESOLVED/.test(line));
    if (exitCode !== 0 && echo && worth.length > 0) {
      console.error(`workbench errors:\n  ${worth.slice(0, 20).join('\n  ')}`);
    }
  } finally {
    clearTimeout(timer);
    await browser?.close();
    await server?.stop();
    if (options.scanLogsFor && userDataDir) {
      logProblems = scanExtensionHostLogs(path.join(userDataDir, 'logs'), options.scanLogsFor, {
        extensionPath: options.extensionDevelopmentPath,
        output,
      });
    }
    removeFolders();
    released();
  }
  return { exitCode, output, timedOut, durationMs: Date.now() - started, browserErrors, logProblems };
}
