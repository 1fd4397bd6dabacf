import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { User } from '../kantata/types';
import { DisposableStore } from '../shared/disposable';
import { Settings } from '../shared/ids';
import { cacheFileName, CachedList, decodeCachedList, encodeCachedList, sameListContent } from './teammatesCacheFile';
import { readRememberList, TeammatesQuerySettings } from './teammatesSettings';

/** A bigger file is not read: 10,000 people take about 3 MB. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const TEMP_SUFFIX = '.tmp';
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Each account's last loaded list, one file per account in `directory` (the extension's global storage),
 * shown at the next start while the list loads again (`kantata.teammates.rememberList`). Reads never wait for
 * the network; writes, deletions and clean-ups run one after another, in the background, and never throw.
 */
export class TeammatesCache extends DisposableStore {
  /** Writes and deletions, in order: a deletion queued after a write removes what it wrote. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly directory: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(Settings.teammatesRememberList) && !this.enabled) {
          void this.clear();
        }
      }),
    );
    if (!this.enabled) {
      void this.clear(); // lists kept before it was turned off
    }
  }

  get enabled(): boolean {
    return readRememberList();
  }

  /** The account's list as last saved for `scope`; undefined when there is none, or none that can be used (logged). */
  read(accountId: string, scope: TeammatesQuerySettings): Promise<CachedList | undefined> {
    return this.enabled ? this.readFile(accountId, scope) : Promise.resolve(undefined);
  }

  /**
   * Keeps `users`, just loaded for the account in `scope`: written to a temporary file that then replaces the
   * old one, unless it holds the same list (then only its time is renewed). `stillWanted` is asked before
   * writing: an account signed out meanwhile gets no file.
   */
  save(accountId: string, scope: TeammatesQuerySettings, users: readonly User[], stillWanted: () => boolean): Promise<void> {
    if (!this.enabled) {
      return Promise.resolve();
    }
    return this.enqueue(`save the list of ${cacheFileName(accountId)}`, async () => {
      await new Promise((resolve) => setImmediate(resolve)); // after the turn that showed the list
      if (!stillWanted() || !this.enabled) {
        return;
      }
      const now = Date.now();
      const text = encodeCachedList({ accountId, scope, users, savedAt: now });
      const file = this.fileOf(accountId);
      const existing = await fs.promises.readFile(file, 'utf8').catch(() => undefined);
      if (existing !== undefined && sameListContent(existing, text)) {
        await fs.promises.utimes(file, new Date(now), new Date(now));
        this.log.debug(`Teammates: the cached list of ${users.length} people is unchanged; its time renewed.`);
        return;
      }
      await writeAtomically(file, text);
      this.log.debug(`Teammates: cached the list of ${users.length} people (${Math.round(text.length / 1024)} KB).`);
    });
  }

  /** Deletes the lists of every account but these (after a sign-out, a removal, a rejected token). */
  keepOnly(accountIds: readonly string[]): Promise<void> {
    const kept = new Set(accountIds.map(cacheFileName));
    return this.enqueue('remove lists of accounts no longer stored', async () => {
      const names = await fs.promises.readdir(this.directory).catch(() => [] as string[]);
      const doomed = names.filter((name) => name.endsWith('.json') && !kept.has(name));
      await Promise.all(doomed.map((name) => fs.promises.rm(path.join(this.directory, name), { force: true })));
      if (doomed.length > 0) {
        this.log.info(`Teammates: deleted the cached lists of ${doomed.length} account(s) no longer stored.`);
      }
      await Promise.all(names.filter((name) => name.endsWith(TEMP_SUFFIX)).map((name) => this.removeIfStale(path.join(this.directory, name))));
    });
  }

  /** Deletes every kept list (the setting was turned off). */
  clear(): Promise<void> {
    return this.enqueue('delete the cached lists', async () => {
      if (fs.existsSync(this.directory)) {
        await fs.promises.rm(this.directory, { recursive: true, force: true });
        this.log.info('Teammates: remembering the list is off; deleted the cached lists.');
      }
    });
  }

  /** A temporary file left by a crash; a younger one may be another window's write in progress. */
  private async removeIfStale(file: string): Promise<void> {
    const stat = await fs.promises.stat(file).catch(() => undefined);
    if (stat && Date.now() - stat.mtimeMs > STALE_TEMP_MS) {
      await fs.promises.rm(file, { force: true });
    }
  }

  private fileOf(accountId: string): string {
    return path.join(this.directory, cacheFileName(accountId));
  }

  private enqueue(what: string, task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => this.log.warn(`Teammates: could not ${what}: ${String(error)}`));
    this.queue = next;
    return next;
  }

  private async readFile(accountId: string, scope: TeammatesQuerySettings): Promise<CachedList | undefined> {
    const file = this.fileOf(accountId);
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log.warn(`Teammates: could not read the cached list ${file}: ${String(error)}`);
      }
      return undefined;
    }
    try {
      const stat = await handle.stat();
      if (stat.size > MAX_FILE_BYTES) {
        this.log.warn(`Teammates: ignored the cached list ${file}: ${stat.size} bytes is too big.`);
        return undefined;
      }
      const decoded = decodeCachedList(await handle.readFile('utf8'), { accountId, scope });
      if ('problem' in decoded) {
        this.log.warn(`Teammates: ignored the cached list ${file}: ${decoded.problem}.`);
        return undefined;
      }
      // An unchanged list renews only the file's time (see save()): it was loaded then.
      return { users: decoded.list.users, savedAt: Math.min(Date.now(), Math.max(decoded.list.savedAt, stat.mtimeMs)) };
    } catch (error) {
      this.log.warn(`Teammates: could not read the cached list ${file}: ${String(error)}`);
      return undefined;
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

/** A reader (this window at its next start, another window) sees the old file or the whole new one, never half. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`;
  try {
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    await fs.promises.writeFile(temp, text, 'utf8');
    await fs.promises.rename(temp, file);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
