import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { downloadPhoto } from '../../src/kantata/photoDownload';
import { PhotoCache, PhotoCacheOptions } from '../../src/photos/photoCache';
import { defaultAvatarPng } from '../sandbox/png';
import { Sandbox, startSandbox } from '../sandbox/server';
import { waitFor } from './support/extensionUnderTest';

type Download = typeof downloadPhoto;

/** The real channel, with its warnings and errors also kept for the assertions. */
function recordingLog(channel: vscode.LogOutputChannel): { log: vscode.LogOutputChannel; problems: string[] } {
  const problems: string[] = [];
  const log = new Proxy(channel, {
    get(target, property, receiver) {
      if (property === 'warn' || property === 'error') {
        return (message: string) => {
          problems.push(message);
          target[property](message);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { log, problems };
}

function nextLoad(cache: PhotoCache, url: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no onDidLoad for ${url}`)), timeoutMs);
    const listener = cache.onDidLoad((loaded) => {
      if (loaded === url) {
        clearTimeout(timer);
        listener.dispose();
        resolve();
      }
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PhotoCache (profile photos on disk)', () => {
  let sandbox: Sandbox;
  let channel: vscode.LogOutputChannel;
  let root: string;
  let directory: vscode.Uri;
  let problems: string[];
  const caches: PhotoCache[] = [];

  const newCache = (options?: PhotoCacheOptions): PhotoCache => {
    const recording = recordingLog(channel);
    problems = recording.problems;
    // The sandbox's base URL is on this machine, so its photos (on 127.0.0.1) may be fetched.
    const cache = new PhotoCache(directory, recording.log, { baseUrl: () => sandbox.baseUrl, ...options });
    caches.push(cache);
    return cache;
  };
  const defaultUrl = () => `${sandbox.origin}/photos/default.png`;

  before(async () => {
    sandbox = await startSandbox();
    channel = vscode.window.createOutputChannel('Kantata photo cache test', { log: true });
  });
  after(async () => {
    channel.dispose();
    await sandbox.close();
  });
  beforeEach(() => {
    sandbox.reset();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-photos-'));
    directory = vscode.Uri.file(path.join(root, 'photos')); // not there yet: the cache creates it
  });
  afterEach(() => {
    caches.splice(0).forEach((cache) => cache.dispose());
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('answers undefined at first, downloads once, fires onDidLoad, then answers the file', async () => {
    const cache = newCache();
    const loaded = nextLoad(cache, defaultUrl());
    assert.equal(cache.get(defaultUrl()), undefined);
    assert.equal(cache.get(defaultUrl()), undefined, 'asked again while downloading');
    await loaded;
    const file = cache.get(defaultUrl());
    assert.ok(file, 'the file after onDidLoad');
    assert.match(path.basename(file.fsPath), /^[0-9a-f]{40}\.png$/);
    assert.equal(path.dirname(file.fsPath), directory.fsPath);
    assert.deepEqual(fs.readFileSync(file.fsPath), defaultAvatarPng());
    assert.equal(sandbox.photoRequests.length, 1, 'one download for all those get() calls');
    assert.equal(sandbox.photoRequests[0]?.headers['authorization'], undefined, 'without the token');
    assert.deepEqual(fs.readdirSync(directory.fsPath), [path.basename(file.fsPath)], 'no temporary file left');
    assert.deepEqual(problems, []);
  });

  it('downloads at most `concurrency` photos at once, and all of them in the end', async () => {
    let inFlight = 0;
    let peak = 0;
    const download: Download = async (url, options) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        await sleep(30);
        return await downloadPhoto(defaultUrl(), options);
      } finally {
        inFlight--;
      }
    };
    const cache = newCache({ concurrency: 3, download });
    const urls = Array.from({ length: 12 }, (_, index) => `https://photos.example.com/${index}.png`);
    const allLoaded = Promise.all(urls.map((url) => nextLoad(cache, url)));
    urls.forEach((url) => assert.equal(cache.get(url), undefined));
    await allLoaded;
    assert.equal(peak, 3);
    assert.ok(urls.every((url) => cache.get(url)));
    assert.equal(sandbox.photoRequests.length, 12);
  });

  it('tries a failing photo once, logs it once, and again only after clearFailures()', async () => {
    let attempts = 0;
    const download: Download = (url, options) => {
      attempts++;
      return downloadPhoto(url, options);
    };
    const cache = newCache({ download });
    const missing = `${sandbox.origin}/photos/999999/1.png`;
    assert.equal(cache.get(missing), undefined);
    await waitFor(() => problems.length > 0, 'the failure to be logged');
    for (let i = 0; i < 20; i++) {
      assert.equal(cache.get(missing), undefined);
    }
    await sleep(100);
    assert.equal(attempts, 1);
    assert.equal(sandbox.photoRequests.length, 1);
    assert.equal(problems.length, 1);
    assert.match(problems[0] ?? '', /photos\/999999\/1\.png could not be downloaded: HTTP 404/);

    cache.clearFailures();
    assert.equal(cache.get(missing), undefined);
    await waitFor(() => attempts === 2 && problems.length === 2, 'a second attempt');
  });

  it('tries a failed photo again after a while, by itself', async () => {
    let now = 1_000_000;
    let attempts = 0;
    const download: Download = (url, options) => {
      attempts++;
      return downloadPhoto(attempts === 1 ? url : defaultUrl(), options);
    };
    const cache = newCache({ download, retryFailedAfterMs: 60_000, now: () => now });
    const missing = `${sandbox.origin}/photos/999999/1.png`;
    assert.equal(cache.get(missing), undefined);
    await waitFor(() => problems.length > 0, 'the failure to be logged');
    now += 59_000;
    assert.equal(cache.get(missing), undefined);
    assert.equal(attempts, 1, 'tried again too soon');
    now += 2_000;
    const loaded = nextLoad(cache, missing);
    assert.equal(cache.get(missing), undefined);
    await loaded;
    assert.equal(attempts, 2);
    assert.ok(cache.get(missing), 'the second try is served');
  });

  it('keeps within its limits after every download, not only at start-up: the oldest files go', async () => {
    const download: Download = (_url, options) => downloadPhoto(defaultUrl(), options);
    const png = defaultAvatarPng();
    const cache = newCache({ download, maxFiles: 2, maxTotalBytes: png.length * 10 });
    const urls = Array.from({ length: 4 }, (_, index) => `https://photos.example.com/${index}.png`);
    for (const url of urls) {
      const loaded = nextLoad(cache, url);
      cache.get(url);
      await loaded;
    }
    await waitFor(() => fs.readdirSync(directory.fsPath).length === 2, () => `2 files on disk, not ${fs.readdirSync(directory.fsPath).length}`);
    assert.ok(cache.get(urls[3]!) && cache.get(urls[2]!), 'the newest are kept');

    const bySize = newCache({ download, maxTotalBytes: png.length * 3 });
    bySize.useDirectory(vscode.Uri.file(path.join(root, 'by-size')));
    for (const url of urls) {
      const loaded = nextLoad(bySize, url);
      bySize.get(url);
      await loaded;
    }
    await waitFor(() => fs.readdirSync(path.join(root, 'by-size')).length === 3, 'three photos\' worth of bytes on disk');
  });

  it('replace() drops the old file so the next get() downloads again (a new photo was uploaded)', async () => {
    const cache = newCache();
    const oldUrl = defaultUrl();
    let loaded = nextLoad(cache, oldUrl);
    cache.get(oldUrl);
    await loaded;
    const oldFile = cache.get(oldUrl)!;

    const form = new FormData();
    form.append('user[profile_photo_attachment_file]', new Blob([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')], { type: 'image/gif' }), 'me.gif');
    const upload = await fetch(`${sandbox.baseUrl}/users/${sandbox.adminUserId}/profile_photo`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.adminToken}` },
      body: form,
    });
    const user = Object.values(((await upload.json()) as { users: Record<string, { photo_path: string }> }).users)[0]!;
    const newUrl = user.photo_path;

    cache.replace(newUrl, oldUrl);
    await waitFor(() => !fs.existsSync(oldFile.fsPath), 'the old file to be deleted');
    loaded = nextLoad(cache, newUrl);
    assert.equal(cache.get(newUrl), undefined);
    await loaded;
    assert.match(cache.get(newUrl)?.fsPath ?? '', /\.gif$/);
    assert.equal(sandbox.photoRequests.length, 2);
    // Asked for again, the old URL is downloaded again rather than served from a stale entry.
    loaded = nextLoad(cache, oldUrl);
    assert.equal(cache.get(oldUrl), undefined);
    await loaded;
    assert.equal(sandbox.photoRequests.length, 3);

    // Same URL, new content (a server that reuses URLs): replace(url) alone refetches it.
    const requestsBefore = sandbox.photoRequests.length;
    cache.replace(newUrl);
    loaded = nextLoad(cache, newUrl);
    assert.equal(cache.get(newUrl), undefined);
    await loaded;
    assert.equal(sandbox.photoRequests.length, requestsBefore + 1);
    assert.ok(cache.get(newUrl));
  });

  it('is reused by the next session: a new PhotoCache finds the file without downloading', async () => {
    const first = newCache();
    const loaded = nextLoad(first, defaultUrl());
    first.get(defaultUrl());
    await loaded;
    first.dispose();

    let downloads = 0;
    const second = newCache({
      download: (url, options) => {
        downloads++;
        return downloadPhoto(url, options);
      },
    });
    // Until its directory scan is done the new cache may not know the file yet; it must not download it.
    const found = second.get(defaultUrl()) ?? (await nextLoad(second, defaultUrl()), second.get(defaultUrl()));
    assert.ok(found && fs.existsSync(found.fsPath));
    assert.equal(downloads, 0);
    assert.equal(sandbox.photoRequests.length, 1);
  });

  it('fetches a file again if it disappeared from disk', async () => {
    const cache = newCache();
    let loaded = nextLoad(cache, defaultUrl());
    cache.get(defaultUrl());
    await loaded;
    fs.rmSync(directory.fsPath, { recursive: true });
    loaded = nextLoad(cache, defaultUrl());
    assert.equal(cache.get(defaultUrl()), undefined);
    await loaded;
    assert.ok(cache.get(defaultUrl()));
    assert.equal(sandbox.photoRequests.length, 2);
  });

  it('readAsDataUrl(): the bytes on disk as a data: URL of the type they are, nothing for a file that is no image', async () => {
    const cache = newCache();
    const loaded = nextLoad(cache, defaultUrl());
    assert.equal(await cache.readAsDataUrl(defaultUrl()), undefined, 'not on disk yet: queued');
    await loaded;
    assert.equal(await cache.readAsDataUrl(defaultUrl()), `data:image/png;base64,${defaultAvatarPng().toString('base64')}`);
    // Someone wrote over the file: it is not sent to a page as a picture.
    const file = cache.get(defaultUrl());
    assert.ok(file);
    fs.writeFileSync(file.fsPath, '<svg onload="alert(1)"></svg>');
    assert.equal(await cache.readAsDataUrl(defaultUrl()), undefined);
    assert.equal(sandbox.photoRequests.length, 1);
  });

  it('keeps the newest files within the limits at start-up, and clears old temporary files', async () => {
    fs.mkdirSync(directory.fsPath, { recursive: true });
    const png = defaultAvatarPng();
    const names = Array.from({ length: 5 }, (_, index) => `${createHash('sha256').update(`u${index}`).digest('hex').slice(0, 40)}.png`);
    names.forEach((name, index) => {
      const file = path.join(directory.fsPath, name);
      fs.writeFileSync(file, png);
      fs.utimesSync(file, new Date(2020, 0, index + 1), new Date(2020, 0, index + 1)); // u4 is the newest
    });
    const oldTemp = path.join(directory.fsPath, `${names[0]}.1-abcd.tmp`);
    fs.writeFileSync(oldTemp, 'half a photo');
    fs.utimesSync(oldTemp, new Date(2020, 0, 1), new Date(2020, 0, 1));
    fs.writeFileSync(path.join(directory.fsPath, 'notes.txt'), 'not ours');

    const cache = newCache({ maxFiles: 3, maxTotalBytes: 1024 * 1024 });
    const expected = [...names.slice(2), 'notes.txt'].sort().join();
    await waitFor(() => fs.readdirSync(directory.fsPath).sort().join() === expected, 'the scan to remove u0, u1 and the temporary file');
    assert.ok(cache.get('u4'), 'a kept file is served without a download');

    cache.dispose();
    const bySize = newCache({ maxTotalBytes: png.length * 2 });
    await waitFor(() => fs.readdirSync(directory.fsPath).length === 3, 'the second scan');
    assert.ok(bySize.get('u4') && bySize.get('u3'));
  });

  it('dispose() aborts downloads in flight, without logging a failure', async () => {
    let signal: AbortSignal | undefined;
    const cache = newCache({
      download: (_url, options) => {
        signal = options?.signal;
        return new Promise((_resolve, reject) => options?.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
      },
    });
    cache.get('https://photos.example.com/slow.png');
    await waitFor(() => signal !== undefined, 'the download to start');
    cache.dispose();
    assert.equal(signal?.aborted, true);
    await sleep(50);
    assert.deepEqual(problems, []);
    assert.equal(cache.get('https://photos.example.com/other.png'), undefined);
  });
});
