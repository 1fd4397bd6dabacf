import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_MAX_PHOTO_BYTES, describePhotoUrl, downloadPhoto } from '../../src/kantata/photoDownload';
import { defaultAvatarPng } from '../sandbox/png';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A server that misbehaves on purpose, one way per path; it records the paths asked for. */
async function startHostileServer(): Promise<{ origin: string; paths: string[]; close(): Promise<void> }> {
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    const path = request.url ?? '/';
    paths.push(path);
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    switch (path) {
      case '/html.png':
        response.writeHead(200, { 'content-type': 'image/png' }).end('<!DOCTYPE html><html><body>Sign in</body></html>');
        return;
      case '/huge.png':
        response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.concat([PNG_SIGNATURE, Buffer.alloc(DEFAULT_MAX_PHOTO_BYTES)]));
        return;
      case '/webp':
        response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1'));
        return;
      case '/missing.png':
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
        return;
      case '/redirect-local':
        response.writeHead(302, { location: `${origin}/webp` }).end();
        return;
      case '/redirect-away':
        response.writeHead(302, { location: 'http://photos.example.com/a.png' }).end();
        return;
      case '/loop':
        response.writeHead(302, { location: `${origin}/loop` }).end();
        return;
      case '/hang':
        return; // never answers
      default:
        response.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('downloadPhoto', () => {
  let sandbox: Sandbox;
  let hostile: Awaited<ReturnType<typeof startHostileServer>>;
  before(async () => {
    sandbox = await startSandbox();
    hostile = await startHostileServer();
  });
  after(async () => {
    await sandbox.close();
    await hostile.close();
  });
  beforeEach(() => {
    sandbox.reset();
    hostile.paths.length = 0;
  });

  it('downloads the default avatar from the sandbox, as PNG', async () => {
    const photo = await downloadPhoto(`${sandbox.origin}/photos/default.png`, { userAgent: 'kantata-teammates-vscode/test' });
    assert.equal(photo.extension, 'png');
    assert.equal(photo.contentType, 'image/png');
    assert.deepEqual(photo.bytes, defaultAvatarPng());
    assert.equal(sandbox.photoRequests.length, 1);
    assert.equal(sandbox.photoRequests[0]?.method, 'GET');
    assert.equal(sandbox.photoRequests[0]?.path, '/photos/default.png');
    assert.equal(sandbox.photoRequests[0]?.headers['user-agent'], 'kantata-teammates-vscode/test');
  });

  it('sends no Authorization header and no cookies', async () => {
    await downloadPhoto(`${sandbox.origin}/photos/default.png`);
    const headers = sandbox.photoRequests[0]?.headers ?? {};
    assert.ok(Object.keys(headers).length > 0, 'the request was recorded');
    assert.equal(headers['authorization'], undefined);
    assert.equal(headers['cookie'], undefined);
    assert.equal(sandbox.requests.length, 0, 'no API request either');
  });

  it('refuses plain http off this machine, other schemes and credentials, without a request', async () => {
    const port = new URL(sandbox.origin).port;
    const refused = [
      'http://photos.example.com/a.png',
      `http://0.0.0.0:${port}/photos/default.png`,
      'ftp://127.0.0.1/a.png',
      'file:///etc/passwd',
      'data:image/png;base64,iVBORw0KGgo=',
      `http://user:secret@127.0.0.1:${port}/photos/default.png`,
      'not a url',
    ];
    for (const url of refused) {
      await assert.rejects(downloadPhoto(url), /not downloaded|not a valid URL/, url);
    }
    assert.equal(sandbox.photoRequests.length, 0);
  });

  it('accepts a body only by its magic numbers, whatever the Content-Type says', async () => {
    await assert.rejects(downloadPhoto(`${hostile.origin}/html.png`), /is not a PNG, JPEG, GIF or WebP image \(its Content-Type says image\/png\)/);
    const webp = await downloadPhoto(`${hostile.origin}/webp`);
    assert.equal(webp.extension, 'webp');
    assert.equal(webp.contentType, 'image/webp');
  });

  it('rejects a body over the size limit', async () => {
    await assert.rejects(downloadPhoto(`${hostile.origin}/huge.png`), /larger than 2\.0 MB/);
    await assert.rejects(downloadPhoto(`${sandbox.origin}/photos/default.png`, { maxBytes: 100 }), /larger than/);
  });

  it('rejects an error status', async () => {
    await assert.rejects(downloadPhoto(`${hostile.origin}/missing.png`), /HTTP 404/);
  });

  it('follows a few redirects on this machine, never one from loopback to plain http elsewhere', async () => {
    assert.equal((await downloadPhoto(`${hostile.origin}/redirect-local`)).extension, 'webp');
    await assert.rejects(downloadPhoto(`${hostile.origin}/redirect-away`), /redirected to http:\/\/photos\.example\.com\/a\.png, which was not followed/);
    await assert.rejects(downloadPhoto(`${hostile.origin}/loop`), /could not be downloaded/);
    assert.equal(hostile.paths.filter((path) => path === '/loop').length, 4, 'the first request and 3 redirects');
  });

  it('honours an abort, before and during the request', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(downloadPhoto(`${hostile.origin}/hang`, { signal: aborted.signal }), /cancelled/);
    assert.deepEqual(hostile.paths, [], 'no request once aborted');

    const controller = new AbortController();
    const started = Date.now();
    const download = downloadPhoto(`${hostile.origin}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(download, /The download of http:\/\/127\.0\.0\.1:\d+\/hang was cancelled/);
    assert.ok(Date.now() - started < 2000);
  });

  it('gives up after the time-out', async () => {
    await assert.rejects(downloadPhoto(`${hostile.origin}/hang`, { timeoutMs: 100 }), /did not answer within 0\.1 seconds/);
  });

  it('leaves queries out of what it says: they may carry signatures', () => {
    assert.equal(describePhotoUrl('https://cdn.example.com/p/1.png?X-Amz-Signature=abc'), 'https://cdn.example.com/p/1.png');
  });
});
