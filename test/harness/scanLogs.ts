// Finds unhandled errors of one extension in code-server's extension host logs
// (UD/logs/<time>/exthostN/remoteexthost.log). What VS Code 1.100.3 writes there, checked with an extension
// that does each of these (each entry is `YYYY-MM-DD HH:MM:SS.mmm [error] ...` plus indented stack lines):
//   activation throws      [error] Activating extension PUB.NAME failed due to an error:  (then the error)
//   event listener throws  [error] ExtensionError: Error in extension PUB.NAME: FAILED to handle event
//   command throws         [error] Error: MSG + stack, the last line ending `CMD {"value":"PUB.NAME",...}`
//                          (the caller of executeCommand gets the rejection too; a UI caller shows a toast)
//   uncaught exception     [error] Error: MSG + stack (frames in the extension's files; no id)
//   unhandled rejection    [error] Error: MSG + stack, 1 s later (no id, and not marked as a rejection: the
//                          line "rejected promise not handled within 1 second: Error: MSG" goes to the console
//                          only, i.e. into the run's output, which is used here to tell the two apart)
// A rejection with a non-Error value logs `[error] VALUE` with no stack: it is attributed only if it names
// the extension id. Errors the extension logs itself (its LogOutputChannel files under exthostN/PUB.NAME/)
// are not unhandled errors and are not scanned; nor is remoteagent.log (gallery look-ups to open-vsx fail
// there on these machines: harmless noise).
import * as fs from 'node:fs';
import * as path from 'node:path';

export type LogProblemKind = 'activation-failed' | 'event-listener-error' | 'command-error' | 'unhandled-rejection' | 'uncaught-error';

export interface LogProblem {
  kind: LogProblemKind;
  /** The log file. */
  file: string;
  /** 1-based line of the entry's first line. */
  line: number;
  /** The whole entry: its first line and its stack lines. */
  text: string;
}

export interface ScanOptions {
  /**
   * Where the extension's code is: a stack frame in this folder attributes an error without the id in it.
   * Default: the folder of the `main` file of the development extension, when `extensionPath` is given.
   */
  codeFolder?: string;
  /** The extension's folder (holding package.json); used to find its main file's folder. */
  extensionPath?: string;
  /** The run's output (ExtensionTestRunResult.output): tells unhandled rejections from uncaught errors. */
  output?: string[];
}

const ENTRY_START = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3} \[(\w+)\] ?(.*)$/;
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every exthostN/remoteexthost.log (and exthost.log, as desktop VS Code names it) under a logs folder. */
export function findExtensionHostLogs(logsDir: string): string[] {
  if (!fs.existsSync(logsDir)) {
    return [];
  }
  const found: string[] = [];
  for (const session of fs.readdirSync(logsDir).sort()) {
    const sessionDir = path.join(logsDir, session);
    if (!fs.statSync(sessionDir).isDirectory()) {
      continue;
    }
    for (const host of fs.readdirSync(sessionDir).filter((name) => /^exthost\d+$/.test(name)).sort((a, b) => Number(a.slice(7)) - Number(b.slice(7)))) {
      for (const name of ['remoteexthost.log', 'exthost.log']) {
        const file = path.join(sessionDir, host, name);
        if (fs.existsSync(file)) {
          found.push(file);
        }
      }
    }
  }
  return found;
}

interface Entry {
  level: string;
  line: number;
  lines: string[];
}

function parseEntries(text: string): Entry[] {
  const entries: Entry[] = [];
  text.split('\n').forEach((raw, index) => {
    const match = ENTRY_START.exec(raw);
    if (match) {
      entries.push({ level: match[1] ?? '', line: index + 1, lines: [match[2] ?? ''] });
    } else if (entries.length > 0 && raw !== '') {
      entries[entries.length - 1]?.lines.push(raw);
    }
  });
  return entries;
}

function mainFolder(extensionPath: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionPath, 'package.json'), 'utf8')) as { main?: string };
  return path.dirname(path.resolve(extensionPath, manifest.main ?? 'extension.js'));
}

/**
 * The log entries showing an unhandled error of the extension `extensionId` (publisher.name, any case).
 * Give `extensionPath` (or `codeFolder`) to catch uncaught errors and rejections, whose entries name no id.
 */
export function scanExtensionHostLogs(logsDir: string, extensionId: string, options: ScanOptions = {}): LogProblem[] {
  const id = escapeRegExp(extensionId);
  const activation = new RegExp(`^Activating extension ${id} failed due to an error:`, 'i');
  const listener = new RegExp(`^ExtensionError: Error in extension ${id}:`, 'i');
  const command = new RegExp(`\\{"value":"${id}","_lower":"`, 'i');
  const codeFolder = options.codeFolder ?? (options.extensionPath ? mainFolder(options.extensionPath) : undefined);
  // A stack frame `(FILE:LINE:COL)` or `at FILE:LINE:COL` with FILE inside the extension's code folder.
  const frame = codeFolder ? new RegExp(`^\\s*at .*?(?:\\(|\\s)(?:file://)?${escapeRegExp(codeFolder + path.sep)}[^)]*:\\d+:\\d+\\)?`) : undefined;
  const rejected = (options.output ?? [])
    .filter((line) => line.startsWith('rejected promise not handled within 1 second: '))
    .map((line) => line.slice('rejected promise not handled within 1 second: '.length));

  const problems: LogProblem[] = [];
  for (const file of findExtensionHostLogs(logsDir)) {
    const entries = parseEntries(fs.readFileSync(file, 'utf8'));
    entries.forEach((entry, index) => {
      if (entry.level !== 'error') {
        return;
      }
      const first = entry.lines[0] ?? '';
      const text = entry.lines.join('\n');
      const report = (kind: LogProblemKind, extra: string[] = []): void => {
        problems.push({ kind, file, line: entry.line, text: [text, ...extra].join('\n') });
      };
      if (activation.test(first)) {
        // The error itself is the next entry: report both as one problem.
        const next = entries[index + 1];
        report('activation-failed', next && next.level === 'error' ? next.lines : []);
        return;
      }
      const previous = entries[index - 1];
      if (previous && previous.level === 'error' && activation.test(previous.lines[0] ?? '')) {
        return; // already reported with its "Activating extension" line
      }
      if (listener.test(first)) {
        report('event-listener-error');
      } else if (command.test(text)) {
        report('command-error');
      } else if ((frame && entry.lines.slice(1).some((line) => frame.test(line))) || new RegExp(id, 'i').test(first)) {
        report(rejected.some((message) => message === first) ? 'unhandled-rejection' : 'uncaught-error');
      }
    });
  }
  return problems;
}

/** One line per problem, for a test's failure message. */
export function formatLogProblems(problems: LogProblem[]): string {
  return problems.map((problem) => `${problem.kind} at ${problem.file}:${problem.line}\n  ${problem.text.split('\n').slice(0, 6).join('\n  ')}`).join('\n');
}
