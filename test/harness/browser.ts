// Launches the Chromium or Chrome scripts/setup.js chose ($CHROMIUM_PATH, an installed one, or Debian's
// `chromium`) through playwright-core, with a fresh empty profile and a throwaway HOME. Playwright never
// downloads a browser here.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { onAbort } from './cleanup';
import { repoRoot } from './codeServer';

/** The browser scripts/setup.js chose on this machine, if it has run. */
function browserFoundBySetup(): string | undefined {
  try {
    return fs.readFileSync(path.join(repoRoot, '.cache', 'chromium-path'), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Flags that held on these machines (no sandbox as root, no GPU, no network chatter of its own). */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface BrowserOptions {
  /** Default: $CHROMIUM_PATH, else the browser scripts/setup.js found (.cache/chromium-path), else /usr/bin/chromium. */
  executablePath?: string;
  /** Default true; HEADED=1 in the environment shows the window (needs a display). */
  headless?: boolean;
  viewport?: { width: number; height: number };
}

export interface LaunchedBrowser {
  context: BrowserContext;
  /** The profile's first page. */
  page: Page;
  /** Closes the browser and removes its profile and HOME. */
  close(): Promise<void>;
}

export async function launchBrowser(options: BrowserOptions = {}): Promise<LaunchedBrowser> {
  const executablePath = options.executablePath ?? process.env.CHROMIUM_PATH ?? browserFoundBySetup() ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run "node scripts/setup.js" first`);
  }
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-chromium-'));
  const profile = path.join(base, 'profile'); // Playwright rejects --user-data-dir in args: it takes it here
  const home = path.join(base, 'home');
  fs.mkdirSync(profile);
  fs.mkdirSync(home);
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: options.headless ?? process.env.HEADED !== '1',
      args: [...CHROMIUM_ARGS],
      env: { ...process.env, HOME: home },
      viewport: options.viewport ?? { width: 1400, height: 900 },
    });
  } catch (error) {
    fs.rmSync(base, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  // On an abort the profile can only be removed once Chromium is gone: kill it first (Playwright's own exit
  // handler would, but only after this one has run).
  const released = onAbort(() => {
    killChromiumUsing(profile);
    fs.rmSync(base, { recursive: true, force: true });
  });
  let closed = false;
  return {
    context,
    page,
    async close() {
      if (closed) {
        return;
      }
      closed = true;
      // A close that hangs must not hang the run: give up waiting after 10 s (Playwright kills the browser
      // process when this Node process exits anyway).
      await Promise.race([context.close().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      fs.rmSync(base, { recursive: true, force: true });
      released();
    },
  };
}

/**
 * Kills, synchronously, the Chromium whose command line names this profile folder, with its process group
 * (Playwright starts it detached, as a group leader). Linux: reads /proc.
 */
function killChromiumUsing(profile: string): void {
  for (const pid of fs.existsSync('/proc') ? fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)) : []) {
    let commandLine = '';
    try {
      commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // gone meanwhile
    }
    if (commandLine.split('\0').includes(`--user-data-dir=${profile}`)) {
      try {
        process.kill(-Number(pid), 'SIGKILL');
      } catch {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
}
