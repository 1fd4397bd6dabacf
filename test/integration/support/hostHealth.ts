import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../../src/testApi';
import { formatLogProblems, scanExtensionHostLogs, type LogProblem } from '../../harness/scanLogs';
import { EXTENSION_ID } from './extensionUnderTest';

/**
 * The extension host's own log (remoteexthost.log, or exthost.log in a desktop VS Code), read from where it
 * was when the suite started: the unhandled errors of the extension logged since then, found by the same
 * scanner the runners use. The log sits next to the extension's log folder (context.logUri).
 */
export class ExtensionHostLog {
  private constructor(
    private readonly file: string | undefined,
    private readonly start: number,
  ) {}

  static open(api: KantataTestApi): ExtensionHostLog {
    const hostFolder = path.dirname(api.storage.logUri.fsPath);
    const file = ['remoteexthost.log', 'exthost.log'].map((name) => path.join(hostFolder, name)).find((candidate) => fs.existsSync(candidate));
    return new ExtensionHostLog(file, file ? fs.statSync(file).size : 0);
  }

  get path(): string | undefined {
    return this.file;
  }

  /** Everything logged since open(). */
  text(): string {
    if (!this.file) {
      return '';
    }
    const bytes = fs.readFileSync(this.file);
    return bytes.subarray(Math.min(this.start, bytes.length)).toString('utf8');
  }

  /**
   * The unhandled errors of the extension since open(). VS Code logs an unhandled rejection a second after
   * it happens, so this waits `settleMs` first.
   */
  async problems(settleMs = 1_500): Promise<LogProblem[]> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    if (!this.file) {
      return [];
    }
    // The scanner reads a logs folder (session/exthostN/file): give it one holding only what is new.
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-exthost-log-'));
    try {
      const host = path.join(scratch, '00000000T000000', 'exthost1');
      fs.mkdirSync(host, { recursive: true });
      // Start at an entry boundary, so the first entry is whole.
      const text = this.text().replace(/^[^\n]*\n?/, (line) => (/^\d{4}-\d{2}-\d{2} /.test(line) ? line : ''));
      fs.writeFileSync(path.join(host, path.basename(this.file)), text);
      const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
      return scanExtensionHostLogs(scratch, EXTENSION_ID, extensionPath ? { extensionPath } : {});
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  }

  async assertNoProblems(): Promise<void> {
    const problems = await this.problems();
    if (problems.length > 0) {
      throw new Error(`unhandled errors of the extension in the extension host log (${this.file}):\n${formatLogProblems(problems)}`);
    }
  }
}

/**
 * Watches the extension host's event loop: a timer due every 10 ms that fires late means the host was busy
 * (a blocked host freezes every extension's UI). `stop()` returns the worst delay seen, in ms.
 */
export function watchResponsiveness(): { stop(): number } {
  let worst = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - expected);
    expected = now + 10;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(worst);
    },
  };
}

/** How long a round trip to the workbench takes right now (a context key set and read back). */
export async function workbenchRoundTripMs(): Promise<number> {
  const started = performance.now();
  await vscode.commands.executeCommand('setContext', 'kantata.test.ping', Date.now());
  return Math.round(performance.now() - started);
}
