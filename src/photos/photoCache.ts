import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { IMAGE_MIME_TYPES, sniffImageType } from '../kantata/imageType';
import { downloadPhoto } from '../kantata/photoDownload';
import { DisposableStore } from '../shared/disposable';
import type { NetworkAgents } from '../kantata/networkAgents';
import type { StoredAccount } from '../accounts/accountStore';
import type { KantataSession } from '../accounts/session';

export interface PhotoCacheOptions {
  /** Downloads at once. Default 4. */
  readonly concurrency?: number;
  /** The largest photo accepted. Default 2 MB (downloadPhoto's). */
  readonly maxBytes?: number;
  /** What the cache keeps, at start-up and after every write: the newest files. Defaults 2,000 files and 50 MB. */
  readonly maxFiles?: number;
  readonly maxTotalBytes?: number;
  /** A photo that failed is tried again after this long. Default 10 minutes. */
  readonly retryFailedAfterMs?: number;
  /** The clock, for tests. */
  readonly now?: () => number;
  readonly userAgent?: string;
  /** The proxy and CA set-up API requests use, so photos travel the same way. */
  readonly agents?: () => NetworkAgents | undefined;
  /** The API base URL of the signed-in account: from a public server, photos only come from public addresses. */
  readonly baseUrl?: () => string | undefined;
  /** Replaces the real download, for tests. */
  readonly download?: typeof downloadPhoto;
}

/** `<40 hex digits of SHA-256(url)>.<ext>`: short, safe names whatever the URL holds, and nothing personal. */
const CACHED_FILE = /^([0-9a-f]{40})\.(png|jpg|gif|webp)$/;
const EXTENSIONS = ['png', 'jpg', 'gif', 'webp'] as const;
const TEMP_SUFFIX = '.tmp';
/** Older temporary files were left by a crash; younger ones may be another window's write in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

const keyOf = (url: string): string => createHash('sha256').update(url).digest('hex').slice(0, 40);

interface Job {
  readonly url: string;
  readonly controller: AbortController;
  /** Set by replace(): whatever this job downloads may be the old photo. */
  stale?: boolean;
}

/**
 * Profile photos on disk (under the extension's global storage, so they are reused across sessions and
 * windows), fetched lazily: get() answers at once from memory and queues a download for what is missing.
 */
export class PhotoCache extends DisposableStore {
  private readonly loaded = this.register(new vscode.EventEmitter<string>());
  /** Fires with a photo URL when its file has arrived: refresh what shows it. */
  readonly onDidLoad: vscode.Event<string> = this.loaded.event;

  /** Key → file name and size, of the files on disk, oldest first (so the first ones are dropped first). */
  private readonly files = new Map<string, { readonly name: string; readonly size: number }>();
  private totalBytes = 0;
  /** Waiting or running, one per URL. */
  private readonly jobs = new Map<string, Job>();
  private readonly waiting: Job[] = [];
  private running = 0;
  /** URL → when it failed: not tried again for a while (or until clearFailures()), so a broken photo never loops. */
  private readonly failed = new Map<string, number>();
  /** Downloads wait for the scan, so they never fetch what is already on disk. False: no usable directory. */
  private scanned: Promise<boolean>;
  private usable = true;
  /** File deletions of replace(): a new file must not be written before they are done. */
  private removals: Promise<unknown> = Promise.resolve();

  constructor(
    private directory: vscode.Uri,
    private readonly logger: vscode.LogOutputChannel,
    private readonly options: PhotoCacheOptions = {},
  ) {
    super();
    this.register({ dispose: () => this.abortAll() });
    this.scanned = this.scan();
  }

  /** The photo's file if it is on disk; otherwise undefined, and it is downloaded (onDidLoad tells when). */
  get(photoUrl: string): vscode.Uri | undefined {
    const key = keyOf(photoUrl);
    const known = this.files.get(key);
    if (known !== undefined) {
      const file = vscode.Uri.joinPath(this.directory, known.name);
      // One stat: catches a file another window pruned or replaced, or someone deleted, instead of a broken icon.
      if (fs.existsSync(file.fsPath)) {
        return file;
      }
      this.forgetFile(key);
    }
    if (this.usable && !this.isDisposed && !this.failedRecently(photoUrl) && !this.jobs.has(photoUrl)) {
      const job: Job = { url: photoUrl, controller: new AbortController() };
      this.jobs.set(photoUrl, job);
      this.waiting.push(job);
      this.pump();
    }
    return undefined;
  }

  /**
   * The photo as a `data:` URL, for a webview: the page then holds the picture itself and fetches nothing
   * after it has loaded. (A webview closed or hidden while one of its images is still being fetched leaves
   * VS Code's webview service worker waiting, and the next webview opened waits 10-30 s behind it.) Undefined
   * while the photo is not on disk (it is downloaded; onDidLoad tells when) or if the file is no image.
   */
  async readAsDataUrl(photoUrl: string): Promise<string | undefined> {
    const file = this.get(photoUrl);
    if (!file) {
      return undefined;
    }
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(file.fsPath);
    } catch {
      return undefined; // pruned or replaced meanwhile: the next get() downloads it again
    }
    const type = sniffImageType(bytes);
    return type ? `data:${IMAGE_MIME_TYPES[type]};base64,${bytes.toString('base64')}` : undefined;
  }

  /** After a photo upload or reset: forgets both URLs' files, so the next get() downloads again. */
  replace(photoUrl: string | undefined, previousUrl?: string): void {
    for (const url of new Set([photoUrl, previousUrl])) {
      if (url === undefined) {
        continue;
      }
      this.failed.delete(url);
      const job = this.jobs.get(url);
      if (job) {
        job.stale = true;
        job.controller.abort();
        this.jobs.delete(url);
        const index = this.waiting.indexOf(job);
        if (index >= 0) {
          this.waiting.splice(index, 1);
        }
      }
      const key = keyOf(url);
      this.forgetFile(key);
      this.removals = Promise.all([this.removals, ...EXTENSIONS.map((ext) => this.remove(`${key}.${ext}`))]);
    }
  }

  /**
   * Keeps photos in another folder from now on (each account has its own, so one account's photos are never
   * shown in another): what was queued or running for the old folder is dropped, and the new one is scanned.
   */
  useDirectory(directory: vscode.Uri): void {
    if (directory.toString() === this.directory.toString()) {
      return;
    }
    this.abortAll();
    this.files.clear();
    this.totalBytes = 0;
    this.failed.clear();
    this.usable = true;
    this.directory = directory;
    this.scanned = this.scan();
  }

  /** Lets photos that failed be tried again now (a refresh asked for by the user). */
  clearFailures(): void {
    this.failed.clear();
  }

  private failedRecently(url: string): boolean {
    const failedAt = this.failed.get(url);
    if (failedAt === undefined) {
      return false;
    }
    if (this.now() - failedAt < (this.options.retryFailedAfterMs ?? 10 * 60 * 1000)) {
      return true;
    }
    this.failed.delete(url);
    return false;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private get maxFiles(): number {
    return this.options.maxFiles ?? 2000;
  }

  private get maxTotalBytes(): number {
    return this.options.maxTotalBytes ?? 50 * 1024 * 1024;
  }

  /** Records a file (as the newest) and drops the oldest ones beyond the limits, from memory and disk. */
  private addFile(key: string, name: string, size: number): void {
    this.forgetFile(key);
    this.files.set(key, { name, size });
    this.totalBytes += size;
    for (const [oldKey, old] of this.files) {
      if (this.files.size <= this.maxFiles && this.totalBytes <= this.maxTotalBytes) {
        break;
      }
      if (oldKey === key) {
        continue; // the file just written stays, even alone over the size limit: it is being shown
      }
      this.forgetFile(oldKey);
      void this.remove(old.name);
    }
  }

  private forgetFile(key: string): void {
    const known = this.files.get(key);
    if (known) {
      this.files.delete(key);
      this.totalBytes -= known.size;
    }
  }

  private pump(): void {
    const limit = Math.max(1, this.options.concurrency ?? 4);
    while (this.running < limit) {
      const job = this.waiting.shift();
      if (!job) {
        return;
      }
      this.running++;
      void this.run(job).finally(() => {
        this.running--;
        this.forget(job);
        this.pump();
      });
    }
  }

  private async run(job: Job): Promise<void> {
    const { url } = job;
    const { signal } = job.controller;
    const directory = this.directory;
    if (!(await this.scanned) || signal.aborted) {
      return;
    }
    const key = keyOf(url);
    if (this.files.has(key)) {
      this.forget(job);
      this.loaded.fire(url); // the scan found it after get() had asked
      return;
    }
    try {
      const download = this.options.download ?? downloadPhoto;
      const photo = await download(url, {
        signal,
        maxBytes: this.options.maxBytes,
        userAgent: this.options.userAgent,
        agents: this.options.agents?.(),
        baseUrl: this.options.baseUrl?.(),
      });
      const name = `${key}.${photo.extension}`;
      await this.removals;
      if (job.stale) {
        return;
      }
      await this.write(directory, name, photo.bytes);
      if (job.stale) {
        await this.remove(name, directory); // replaced while writing: these bytes may be the old photo
        return;
      }
      this.addFile(key, name, photo.bytes.length);
      this.forget(job);
      if (!this.isDisposed) {
        this.loaded.fire(url);
      }
    } catch (error) {
      if (signal.aborted) {
        return; // disposed or replaced: not a failure of the photo
      }
      this.failed.set(url, this.now());
      this.logger.warn(`Profile photo not shown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Before onDidLoad fires: a listener's get() must be able to ask again (if the file went missing). */
  private forget(job: Job): void {
    if (this.jobs.get(job.url) === job) {
      this.jobs.delete(job.url);
    }
  }

  /** Atomic: a reader (the tree, another window) sees the old file or the whole new one, never half. */
  private async write(directory: vscode.Uri, name: string, bytes: Uint8Array): Promise<void> {
    const dir = directory.fsPath;
    const temp = path.join(dir, `${name}.${process.pid}-${randomBytes(4).toString('hex')}${TEMP_SUFFIX}`);
    try {
      await fs.promises.mkdir(dir, { recursive: true }); // the storage may have been cleared since the scan
      await fs.promises.writeFile(temp, bytes);
      await fs.promises.rename(temp, path.join(dir, name));
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  private async remove(name: string, directory = this.directory): Promise<void> {
    try {
      await fs.promises.rm(path.join(directory.fsPath, name), { force: true });
    } catch (error) {
      this.logger.debug(`Photo cache: could not delete ${name}: ${String(error)}`);
    }
  }

  /** Indexes the files on disk, removes leftovers, and keeps the newest within the limits. */
  private async scan(): Promise<boolean> {
    const dir = this.directory.fsPath;
    try {
      await fs.promises.mkdir(dir, { recursive: true });
      const names = await fs.promises.readdir(dir);
      const entries = await Promise.all(names.map(async (name) => ({ name, stat: await fs.promises.stat(path.join(dir, name)).catch(() => undefined) })));
      const photos: { name: string; key: string; size: number; mtimeMs: number }[] = [];
      const doomed: string[] = [];
      for (const { name, stat } of entries) {
        const key = CACHED_FILE.exec(name)?.[1];
        if (key && stat?.isFile()) {
          photos.push({ name, key, size: stat.size, mtimeMs: stat.mtimeMs });
        } else if (name.endsWith(TEMP_SUFFIX) && stat && Date.now() - stat.mtimeMs > STALE_TEMP_MS) {
          doomed.push(name);
        }
      }
      photos.sort((a, b) => b.mtimeMs - a.mtimeMs);
      const kept = new Map<string, { name: string; size: number }>();
      let total = 0;
      for (const photo of photos) {
        // A second file for one key is an older format of the same URL: the newest wins.
        if (kept.has(photo.key) || this.files.has(photo.key) || kept.size >= this.maxFiles || total + photo.size > this.maxTotalBytes) {
          doomed.push(photo.name);
        } else {
          kept.set(photo.key, { name: photo.name, size: photo.size });
          total += photo.size;
        }
      }
      // Oldest first, before anything downloaded meanwhile (which is newer).
      const downloaded = [...this.files];
      this.files.clear();
      this.totalBytes = 0;
      for (const [key, file] of [...[...kept].reverse(), ...downloaded]) {
        this.files.set(key, file);
        this.totalBytes += file.size;
      }
      await Promise.all(doomed.map((name) => this.remove(name)));
      this.logger.debug(`Photo cache: ${this.files.size} photos (${Math.round(this.totalBytes / 1024)} KB) in ${dir}; ${doomed.length} removed.`);
      return true;
    } catch (error) {
      this.usable = false;
      this.logger.error(`Photo cache: ${dir} cannot be used, so photos are not shown: ${String(error)}`);
      return false;
    }
  }

  private abortAll(): void {
    for (const job of this.jobs.values()) {
      job.stale = true;
      job.controller.abort();
    }
    this.jobs.clear();
    this.waiting.length = 0;
  }
}

/** The photo cache, kept in the folder of the account signed in (photoFolderFor). */
export function registerPhotos(context: vscode.ExtensionContext, session: KantataSession, log: vscode.LogOutputChannel): PhotoCache {
  const photosDirectory = vscode.Uri.joinPath(context.globalStorageUri, 'photos');
  const photos = new PhotoCache(photoFolderFor(photosDirectory, undefined), log, {
    agents: () => session.networkAgents,
    // The server the photo URLs came from decides whether they may point at the local network.
    baseUrl: () => session.current?.account.baseUrl ?? session.baseUrl,
  });
  session.onDidChangeAccount((next) => photos.useDirectory(photoFolderFor(photosDirectory, next?.account)), undefined, context.subscriptions);
  context.subscriptions.push(photos);
  return photos;
}

/**
 * Each account's photos live in a folder of their own under `root` (named by a hash: nothing personal on
 * disk), so switching account never shows, or reuses, another account's files.
 */
function photoFolderFor(root: vscode.Uri, account: Pick<StoredAccount, 'id'> | undefined): vscode.Uri {
  return vscode.Uri.joinPath(root, account ? createHash('sha256').update(account.id).digest('hex').slice(0, 16) : 'signed-out');
}
