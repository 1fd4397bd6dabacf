// One workbench session for the e2e scenarios and the demo: the sandbox in this process, code-server on
// 127.0.0.1 with the packaged .vsix installed, fresh folders, and user settings pointing the extension at the
// sandbox; a browser on demand. stop() tears everything down and returns the extension's unhandled errors
// found in the extension host logs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createVSIX } from '@vscode/vsce';
import { launchBrowser, type LaunchedBrowser } from '../harness/browser';
import { onAbort } from '../harness/cleanup';
import { repoRoot, startCodeServer, type CodeServer } from '../harness/codeServer';
import { findExtensionHostLogs, formatLogProblems, scanExtensionHostLogs, type LogProblem } from '../harness/scanLogs';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { EXTENSION_ID, Workbench } from './workbench';

export interface SessionOptions {
  /** Default: kantata-teammates.vsix at the repository root (`npm run package`). */
  vsix?: string;
  sandbox?: SandboxOptions;
  /** User settings on top of the harness defaults and `kantata.baseUrl`. */
  settings?: Record<string, unknown>;
  /** Links opened without the link-protection dialog (see CodeServerOptions.trustedDomains). */
  trustedDomains?: readonly string[];
  /** Fills the workspace folder before code-server starts (a git repository, say), knowing the sandbox's data. */
  prepareWorkspace?: (workspace: string, sandbox: Sandbox) => void | Promise<void>;
  /**
   * The workbench's display language, for the extension's translations: installs the local language pack
   * test/e2e/fixtures/language-pack-<language> beside the extension and starts code-server with `--locale`.
   * The extension host then reports it as `vscode.env.language`. Default: English, no language pack.
   */
  language?: 'de';
}

/** The folder of the local language pack for `language` (language packs cannot be downloaded here). */
export const languagePackFolder = (language: string): string => path.join(repoRoot, 'test', 'e2e', 'fixtures', `language-pack-${language}`);

/** Packages the local language pack for `language` into `folder`; returns the .vsix. */
async function packageLanguagePack(language: string, folder: string): Promise<string> {
  const vsix = path.join(folder, `language-pack-${language}.vsix`);
  await createVSIX({ cwd: languagePackFolder(language), packagePath: vsix, dependencies: false, allowMissingRepository: true, skipLicense: true });
  return vsix;
}

export interface WorkbenchSession {
  readonly sandbox: Sandbox;
  readonly server: CodeServer;
  /** The folder open in the workbench (on this machine: code-server runs here), for files a scenario opens. */
  readonly workspace: string;
  /** The workbench with the session's (empty) workspace folder open. */
  readonly url: string;
  /** Launches Chromium (once) and opens the workbench in it. */
  openWorkbench(): Promise<Workbench>;
  /** Waits until the extension host log says the extension was activated; throws if activation failed. */
  waitForActivation(timeoutMs?: number): Promise<void>;
  /** Stops browser, code-server and sandbox, removes the folders; returns the extension's unhandled errors. */
  stop(): Promise<LogProblem[]>;
}

/**
 * How long the extension host keeps running after the last step before it is stopped: VS Code logs an
 * unhandled rejection 1 s after it happens, and only a logged one can be found by the scan.
 */
const SETTLE_MS = 1_500;

/** The folder of the installed extension's main file: stack frames there attribute an error to it. */
function installedCodeFolder(extensionsDir: string): string | undefined {
  const folder = fs.readdirSync(extensionsDir).find((name) => name.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (!folder) {
    return undefined;
  }
  const manifest = JSON.parse(fs.readFileSync(path.join(extensionsDir, folder, 'package.json'), 'utf8')) as { main?: string };
  return path.dirname(path.resolve(extensionsDir, folder, manifest.main ?? 'extension.js'));
}

export async function startWorkbenchSession(options: SessionOptions = {}): Promise<WorkbenchSession> {
  const vsix = options.vsix ?? path.join(repoRoot, 'kantata-teammates.vsix');
  if (!fs.existsSync(vsix)) {
    throw new Error(`${vsix} is missing: run "npm run package"`);
  }
  // The user-data folder is ours, not the server's temp one, so that its logs outlive server.stop().
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-e2e-'));
  const workspace = path.join(base, 'workspace');
  const userDataDir = path.join(base, 'user-data');
  fs.mkdirSync(workspace);
  const removeBase = (): void => {
    if (process.env.KEEP_CODE_SERVER_FILES !== '1') {
      fs.rmSync(base, { recursive: true, force: true });
    }
  };
  const released = onAbort(removeBase);

  let sandbox: Sandbox | undefined;
  let server: CodeServer | undefined;
  try {
    sandbox = await startSandbox(options.sandbox);
    await options.prepareWorkspace?.(workspace, sandbox);
    const languagePack = options.language ? [await packageLanguagePack(options.language, base)] : [];
    server = await startCodeServer({
      workspace,
      userDataDir,
      vsixToInstall: [vsix, ...languagePack],
      ...(options.language ? { locale: options.language } : {}),
      // No port forwarding offers: code-server would otherwise notice the sandbox's port and show a toast.
      settings: { 'kantata.baseUrl': sandbox.baseUrl, 'remote.autoForwardPorts': false, ...options.settings },
      trustedDomains: options.trustedDomains,
    });
  } catch (error) {
    await sandbox?.close();
    removeBase();
    released();
    throw error;
  }
  const codeFolder = installedCodeFolder(server.extensionsDir);
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  let browser: LaunchedBrowser | undefined;
  let workbench: Workbench | undefined;
  let stopped = false;

  return {
    sandbox,
    server,
    workspace,
    url,
    async openWorkbench() {
      if (!workbench) {
        browser = await launchBrowser();
        workbench = await Workbench.open(browser.page, url);
      }
      return workbench;
    },
    async waitForActivation(timeoutMs = 30_000) {
      const activated = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, '\\.')}\\b`, 'i');
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const problems = scanExtensionHostLogs(path.join(userDataDir, 'logs'), EXTENSION_ID, codeFolder ? { codeFolder } : {});
        const failed = problems.filter((problem) => problem.kind === 'activation-failed');
        if (failed.length > 0) {
          throw new Error(`the extension failed to activate:\n${formatLogProblems(failed)}`);
        }
        if (findExtensionHostLogs(path.join(userDataDir, 'logs')).some((file) => activated.test(fs.readFileSync(file, 'utf8')))) {
          return;
        }
        if (Date.now() > deadline) {
          throw new Error(`${EXTENSION_ID} was not activated within ${timeoutMs} ms`);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
    async stop() {
      if (stopped) {
        return [];
      }
      stopped = true;
      if (browser) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        await browser.close();
      }
      await server.stop(); // flushes the logs
      const problems = scanExtensionHostLogs(path.join(userDataDir, 'logs'), EXTENSION_ID, codeFolder ? { codeFolder } : {});
      await sandbox.close();
      removeBase();
      released();
      return problems;
    },
  };
}
