// Starts code-server (VS Code 1.100.3's server, its Node extension host and the web workbench) for one test run,
// isolated from the machine: fresh temp folders, an empty config file, a throwaway HOME, a free port on
// 127.0.0.1, known user settings. Install it first with `node scripts/setup.js`.
// See /work/shared/testing-notes.md for why each of these is needed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { onAbort } from './cleanup';

/** The repository root: the nearest folder above this file (source or compiled) holding package.json. */
export const repoRoot: string = findUp(__dirname, 'package.json');

function findUp(from: string, name: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, name))) {
      return dir;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`no ${name} above ${from}`);
    }
  }
}

/** The code-server binary: $CODE_SERVER_BIN, else the copy scripts/setup.js installs into .cache/. */
export function codeServerBinary(): string {
  const binary = process.env.CODE_SERVER_BIN ?? path.join(repoRoot, '.cache', 'code-server', 'node_modules', '.bin', 'code-server');
  if (!fs.existsSync(binary)) {
    throw new Error(`code-server not found at ${binary}: run "node scripts/setup.js" first`);
  }
  return binary;
}

/** User settings every run gets (the caller's `settings` are merged over them). */
export const DEFAULT_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none', // else the welcome page covers the editor
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.tips.enabled': false,
};

export interface CodeServerOptions {
  /** Folder (or file) opened as the workspace. Required: the workbench URL and extension tests need one. */
  workspace: string;
  /** Defaults to a fresh temp folder, removed by stop(). A folder you pass is kept. */
  userDataDir?: string;
  /** Defaults to a fresh temp folder, removed by stop(). A folder you pass is kept. */
  extensionsDir?: string;
  /** User settings merged over DEFAULT_SETTINGS (and over a settings.json already in userDataDir). */
  settings?: Record<string, unknown>;
  /**
   * Remote settings (`UD/Machine/settings.json`): code-server is a remote window, which reads `machine` and
   * `machine-overridable` settings (kantata.caCertificates, kantata.baseUrl) from here, not from User settings.
   */
  machineSettings?: Record<string, unknown>;
  /**
   * A .vsix, or several, installed (`--install-extension FILE --force`) into the same folders before the server
   * starts: the extension, and a language pack for `locale`.
   */
  vsixToInstall?: string | readonly string[];
  /**
   * The workbench's display language (`--locale`, e.g. `de`). VS Code uses it only when a language pack for it
   * is installed (a `contributes.localizations` extension among `vsixToInstall`: installing it writes
   * `UD/languagepacks.json`); otherwise the workbench, and `vscode.env.language`, stay English.
   */
  locale?: string;
  /** Extra environment for the server; its extension hosts inherit it (e.g. a sandbox URL for the tests). */
  env?: Record<string, string>;
  /**
   * Links the workbench opens without its link-protection dialog ("Do you want Code to open the external
   * website?"): `--link-protection-trusted-domains`, e.g. `https://example.com` or `https://*.example.com`.
   */
  trustedDomains?: readonly string[];
  /** How long to wait for GET /healthz. Default 30 s. */
  startTimeoutMs?: number;
  /** Keep the temp folders after stop() (for debugging). Also set by KEEP_CODE_SERVER_FILES=1. */
  keepFiles?: boolean;
}

export interface CodeServer {
  /** http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  port: number;
  userDataDir: string;
  extensionsDir: string;
  /** The server's own stdout/stderr. */
  outputFile: string;
  /** UD/logs: one folder per server start, holding remoteagent.log and exthostN/remoteexthost.log. */
  logsDir(): string;
  /** Kills the server's whole process group (lingering extension hosts included) and removes temp folders. */
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (the OS picks it; a tiny race with other starters is possible). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** The environment without variables that would make code-server act as a CLI of an enclosing VS Code. */
function cleanEnv(extra: Record<string, string> | undefined, home: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('VSCODE_') && key !== 'ELECTRON_RUN_AS_NODE') {
      env[key] = value;
    }
  }
  return { ...env, ...extra, HOME: home };
}

function tail(file: string, lines = 30): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

/** `--install-extension FILE --force` for each .vsix, with the server's folders (`common`) and environment. */
function installVsixFiles(binary: string, common: readonly string[], env: NodeJS.ProcessEnv, vsixToInstall: string | readonly string[] | undefined): void {
  const files = typeof vsixToInstall === 'string' ? [vsixToInstall] : (vsixToInstall ?? []);
  if (files.length === 0) {
    return;
  }
  const args = [...common, ...files.flatMap((file) => ['--install-extension', path.resolve(file)]), '--force'];
  const install = spawnSync(binary, args, { env, encoding: 'utf8', timeout: 120_000 });
  if (install.status !== 0) {
    throw new Error(`installing ${files.join(', ')} failed (exit ${install.status}):\n${install.stdout}${install.stderr}`);
  }
}

interface LanguagePackManifest {
  readonly publisher: string;
  readonly name: string;
  readonly version: string;
  readonly contributes?: {
    readonly localizations?: readonly {
      readonly languageId: string;
      readonly languageName?: string;
      readonly localizedLanguageName?: string;
      readonly translations: readonly { readonly id: string; readonly path: string }[];
    }[];
  };
}

/**
 * Writes `UD/languagepacks.json` for the installed extensions that contribute `localizations`, as VS Code's
 * language pack service does when a language pack is installed in a running server. Installing from the command
 * line (`--install-extension`, what this harness does) never writes it: the CLI process registers that service
 * but never creates it, so its post-install step does not run (microsoft/vscode#237663, coder/code-server#3372).
 * Without the file `--locale` finds no language pack, and the workbench and the extension host stay English.
 * The entries have the shape and hash VS Code 1.100 gives them (platform/languagePacks/node/languagePacks.ts).
 */
export function registerLanguagePacks(userDataDir: string, extensionsDir: string): void {
  const packs: Record<string, { hash: string; label: string | undefined; extensions: { extensionIdentifier: { id: string }; version: string }[]; translations: Record<string, string> }> = {};
  for (const folder of fs.readdirSync(extensionsDir, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    const location = path.join(extensionsDir, folder.name);
    const manifestFile = path.join(location, 'package.json');
    if (!fs.existsSync(manifestFile)) {
      continue;
    }
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as LanguagePackManifest;
    const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
    for (const localization of manifest.contributes?.localizations ?? []) {
      const pack = (packs[localization.languageId] ??= { hash: '', label: localization.localizedLanguageName ?? localization.languageName, extensions: [], translations: {} });
      pack.extensions.push({ extensionIdentifier: { id }, version: manifest.version });
      for (const translation of localization.translations) {
        pack.translations[translation.id] = path.join(location, translation.path);
      }
    }
  }
  if (Object.keys(packs).length === 0) {
    return;
  }
  for (const pack of Object.values(packs)) {
    const md5 = createHash('md5');
    pack.extensions.forEach((extension) => md5.update(extension.extensionIdentifier.id).update(extension.version));
    pack.hash = md5.digest('hex');
  }
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs));
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const binary = codeServerBinary();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-code-server-'));
  const keepFiles = options.keepFiles ?? process.env.KEEP_CODE_SERVER_FILES === '1';
  const userDataDir = options.userDataDir ?? path.join(base, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(base, 'extensions');
  const home = path.join(base, 'home');
  const config = path.join(base, 'config.yaml'); // empty: without --config, code-server writes one into ~
  const outputFile = path.join(base, 'code-server.log');
  for (const dir of [userDataDir, extensionsDir, home, path.join(userDataDir, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(config, '');

  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  const existing = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({ ...DEFAULT_SETTINGS, ...existing, ...options.settings }, null, 2));
  if (options.machineSettings) {
    fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
    fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), JSON.stringify(options.machineSettings, null, 2));
  }

  const env = cleanEnv(options.env, home);
  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const removeTemp = (): void => {
    if (!keepFiles) {
      fs.rmSync(base, { recursive: true, force: true });
    }
  };

  try {
    installVsixFiles(binary, common, env, options.vsixToInstall);
  } catch (error) {
    removeTemp();
    throw error;
  }
  registerLanguagePacks(userDataDir, extensionsDir);

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output = fs.openSync(outputFile, 'a');
  const child = spawn(
    binary,
    [
      ...common,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...(options.locale ? ['--locale', options.locale] : []),
      ...(options.trustedDomains ?? []).map((domain) => `--link-protection-trusted-domains=${domain}`),
      options.workspace,
    ],
    // Its own process group: every page load starts an extension host, and old ones linger.
    { env, detached: true, stdio: ['ignore', output, output] },
  );
  fs.closeSync(output);
  const pid = child.pid;
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));

  const killGroup = (signal: NodeJS.Signals): void => {
    if (pid !== undefined) {
      try {
        process.kill(-pid, signal);
      } catch {
        // already gone
      }
    }
  };
  // If this Node process ends without stop() (an exception, Ctrl+C), take the server down with it.
  const released = onAbort(() => {
    killGroup('SIGKILL');
    removeTemp();
  });

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) {
      return;
    }
    stopped = true;
    released();
    killGroup('SIGTERM');
    for (let waited = 0; !exited && waited < 5_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    killGroup('SIGKILL'); // the extension hosts and anything else left in the group
    removeTemp();
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while ((await httpStatus(`${url}/healthz`)) !== 200) {
    if (exited || Date.now() > deadline) {
      const log = tail(outputFile);
      await stop();
      throw new Error(`code-server did not become healthy on ${url} (${exited ? 'it exited' : 'timeout'}):\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  return {
    url,
    port,
    userDataDir,
    extensionsDir,
    outputFile,
    logsDir: () => path.join(userDataDir, 'logs'),
    stop,
  };
}
