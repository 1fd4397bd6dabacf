import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { type AddressInfo, isIP, type LookupFunction } from 'node:net';
import * as path from 'node:path';
import { DEFAULT_BASE_URL } from '../../src/kantata/baseUrl';
import { NetworkAgents } from '../../src/kantata/networkAgents';
import { DEFAULT_MAX_PHOTO_BYTES, describePhotoUrl, downloadPhoto, PhotoDownloadOptions } from '../../src/kantata/photoDownload';
import { defaultAvatarPng } from '../sandbox/png';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { type ConnectProxy, startConnectProxy } from '../support/connectProxy';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Photos of a Kantata server on this machine (the sandbox) may come from this machine. */
const LOOPBACK_BASE = 'http://127.0.0.1:4010/api/v1';
const fromThisMachine = (url: string, options: PhotoDownloadOptions = {}) => downloadPhoto(url, { baseUrl: LOOPBACK_BASE, ...options });

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
    const photo = await fromThisMachine(`${sandbox.origin}/photos/default.png`, { userAgent: 'kantata-teammates-vscode/test' });
    assert.equal(photo.extension, 'png');
    assert.equal(photo.contentType, 'image/png');
    assert.deepEqual(photo.bytes, defaultAvatarPng());
    assert.equal(sandbox.photoRequests.length, 1);
    assert.equal(sandbox.photoRequests[0]?.method, 'GET');
    assert.equal(sandbox.photoRequests[0]?.path, '/photos/default.png');
    assert.equal(sandbox.photoRequests[0]?.headers['user-agent'], 'kantata-teammates-vscode/test');
  });

  it('sends no Authorization header and no cookies', async () => {
    await fromThisMachine(`${sandbox.origin}/photos/default.png`);
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
      await assert.rejects(fromThisMachine(url), /not downloaded|not a valid URL/, url);
    }
    assert.equal(sandbox.photoRequests.length, 0);
  });

  it('accepts a body only by its magic numbers, whatever the Content-Type says', async () => {
    await assert.rejects(fromThisMachine(`${hostile.origin}/html.png`), /is not a PNG, JPEG, GIF or WebP image \(its Content-Type says image\/png\)/);
    const webp = await fromThisMachine(`${hostile.origin}/webp`);
    assert.equal(webp.extension, 'webp');
    assert.equal(webp.contentType, 'image/webp');
  });

  it('rejects a body over the size limit', async () => {
    await assert.rejects(fromThisMachine(`${hostile.origin}/huge.png`), /larger than 2\.0 MB/);
    await assert.rejects(fromThisMachine(`${sandbox.origin}/photos/default.png`, { maxBytes: 100 }), /larger than/);
  });

  it('rejects an error status', async () => {
    await assert.rejects(fromThisMachine(`${hostile.origin}/missing.png`), /HTTP 404/);
  });

  it('follows a few redirects on this machine, never one from loopback to plain http elsewhere', async () => {
    assert.equal((await fromThisMachine(`${hostile.origin}/redirect-local`)).extension, 'webp');
    await assert.rejects(fromThisMachine(`${hostile.origin}/redirect-away`), /redirected to http:\/\/photos\.example\.com\/a\.png, which was not followed/);
    await assert.rejects(fromThisMachine(`${hostile.origin}/loop`), /could not be downloaded/);
    assert.equal(hostile.paths.filter((path) => path === '/loop').length, 4, 'the first request and 3 redirects');
  });

  it('honours an abort, before and during the request', async () => {
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(fromThisMachine(`${hostile.origin}/hang`, { signal: aborted.signal }), /cancelled/);
    assert.deepEqual(hostile.paths, [], 'no request once aborted');

    // /hang never answers: only the abort can end this download (before the test's time-out).
    const controller = new AbortController();
    const download = fromThisMachine(`${hostile.origin}/hang`, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(download, /The download of http:\/\/127\.0\.0\.1:\d+\/hang was cancelled/);
  });

  it('gives up after the time-out', async () => {
    await assert.rejects(fromThisMachine(`${hostile.origin}/hang`, { timeoutMs: 100 }), /did not answer within 0\.1 seconds/);
  });

  it('leaves queries out of what it says: they may carry signatures', () => {
    assert.equal(describePhotoUrl('https://cdn.example.com/p/1.png?X-Amz-Signature=abc'), 'https://cdn.example.com/p/1.png');
  });
});

/** A DNS of its own: each name's answer (or a function giving the answer of each call); other names are not found. */
function fakeDns(table: Readonly<Record<string, readonly string[] | (() => readonly string[])>>): LookupFunction & { asked: string[] } {
  const asked: string[] = [];
  const lookup: LookupFunction = (hostname, options, callback) => {
    asked.push(hostname);
    const entry = table[hostname];
    const answer = typeof entry === 'function' ? entry() : entry;
    setImmediate(() => {
      const addresses = (answer ?? []).map((address) => ({ address, family: isIP(address) }));
      const first = addresses[0];
      if (!first) {
        callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), '');
      } else if (options.all) {
        callback(null, addresses);
      } else {
        callback(null, first.address, first.family);
      }
    });
  };
  return Object.assign(lookup, { asked });
}

// A test CA and a certificate for 127.0.0.2 and api.kantata.test (test/fixtures/tls-127.0.0.2/README.md).
const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls-127.0.0.2');
const ca = fs.readFileSync(path.join(fixtures, 'ca.pem'), 'utf8');
const tls = { key: fs.readFileSync(path.join(fixtures, 'server.key'), 'utf8'), cert: fs.readFileSync(path.join(fixtures, 'server.pem'), 'utf8') };

/** An address no test can reach on purpose: example.com's old one. Public, so allowed. */
const PUBLIC_ADDRESS = '93.184.216.34';
const PUBLIC_ONLY = 'and photos from a public Kantata server may only come from public addresses.';

describe('downloadPhoto from a public Kantata server: never to this machine or the local network', () => {
  let server: https.Server;
  let port: number;
  const paths: string[] = [];
  let proxy: ConnectProxy;
  let direct: NetworkAgents;
  let proxied: NetworkAgents;
  /** A photo URL of the https server on 127.0.0.2, by the name its certificate has. */
  const photoUrl = (where: string) => `https://api.kantata.test:${port}${where}`;
  const fromPublic = (url: string, options: PhotoDownloadOptions) => downloadPhoto(url, { baseUrl: DEFAULT_BASE_URL, timeoutMs: 5000, ...options });

  before(async () => {
    server = https.createServer(tls, (request, response) => {
      const where = request.url ?? '/';
      paths.push(where);
      const redirects: Record<string, string> = {
        '/redirect-private': 'https://internal.example.com/a.png',
        '/redirect-metadata': 'https://169.254.169.254/latest/meta-data/',
        '/redirect-mapped': 'https://[::ffff:a9fe:a9fe]/latest/meta-data/',
        '/redirect-here': photoUrl('/photo.png'),
      };
      const location = redirects[where];
      if (location) {
        response.writeHead(302, { location }).end();
      } else if (where === '/photo.png') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(defaultAvatarPng());
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.2', resolve));
    port = (server.address() as AddressInfo).port;
    proxy = await startConnectProxy({ hosts: { 'api.kantata.test': '127.0.0.2' } });
  });
  after(async () => {
    await proxy.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    paths.length = 0;
    proxy.tunnels.length = 0;
    // Each test its own, as each account has its own: a kept-alive connection is reused by host name.
    direct = new NetworkAgents({ caCertificates: [ca], env: {} });
    proxied = new NetworkAgents({ caCertificates: [ca], proxy: proxy.url, env: {} });
  });
  afterEach(() => {
    direct.dispose();
    proxied.dispose();
  });

  it('refuses a name that resolves to a loopback, private, link-local, IPv4-mapped or unique-local address, and connects nowhere', async () => {
    const answers: [string, string][] = [
      ['127.0.0.2', 'a loopback address (this machine)'],
      ['10.0.0.5', 'a private address'],
      ['169.254.169.254', 'a link-local address'],
      ['::ffff:127.0.0.2', 'a loopback address (this machine)'],
      ['fd00::1', 'a private address'],
    ];
    for (const [address, kind] of answers) {
      const lookup = fakeDns({ 'api.kantata.test': [address] });
      await assert.rejects(fromPublic(`${photoUrl('/photo.png')}?signature=secret`, { agents: direct, lookup }), {
        message: `The photo at ${photoUrl('/photo.png')} was not downloaded: api.kantata.test resolves to ${address}, ${kind}, ${PUBLIC_ONLY}`,
      });
      assert.deepEqual(lookup.asked, ['api.kantata.test']);
    }
    assert.deepEqual(paths, []);
  });

  it('from a server on this machine, the same name is fetched, at the address the lookup gave', async () => {
    const lookup = fakeDns({ 'api.kantata.test': ['127.0.0.2'] });
    const photo = await downloadPhoto(photoUrl('/photo.png'), { baseUrl: LOOPBACK_BASE, agents: direct, lookup });
    assert.deepEqual(photo.bytes, defaultAvatarPng());
    assert.deepEqual(paths, ['/photo.png']);
    assert.ok(lookup.asked.includes('api.kantata.test'));
  });

  it('refuses an address in the URL that is not public, and localhost, without a lookup or a connection', async () => {
    const lookup = fakeDns({});
    const refused: [string, RegExp][] = [
      [`https://127.0.0.2:${port}/photo.png`, /127\.0\.0\.2 is a loopback address \(this machine\)/],
      [`http://127.0.0.1:${port}/photo.png`, /127\.0\.0\.1 is a loopback address/],
      [`https://0x7f.0.0.2:${port}/photo.png`, /127\.0\.0\.2 is a loopback address/],
      [`https://[::ffff:7f00:2]:${port}/photo.png`, /\[::ffff:7f00:2\] is a loopback address/],
      [`https://[::1]:${port}/photo.png`, /\[::1\] is a loopback address/],
      [`http://localhost:${port}/photo.png`, /localhost is a name of this machine/],
      ['https://169.254.169.254/latest/meta-data/', /169\.254\.169\.254 is a link-local address/],
      ['https://10.1.2.3/a.png', /10\.1\.2\.3 is a private address/],
      ['https://100.64.0.1/a.png', /100\.64\.0\.1 is a carrier-grade NAT address/],
      ['https://[fe80::1]/a.png', /\[fe80::1\] is a link-local address/],
    ];
    for (const [url, why] of refused) {
      const error = await fromPublic(url, { agents: direct, lookup, timeoutMs: 2000 }).then(
        () => assert.fail(`${url} was downloaded`),
        (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
      );
      assert.match(error, /^The photo at .* was not downloaded: /, url);
      assert.match(error, why, url);
      assert.ok(error.endsWith(PUBLIC_ONLY), error);
    }
    assert.deepEqual(lookup.asked, []);
    assert.deepEqual(paths, []);
  });

  it('refuses a name with a public and a private address', async () => {
    const lookup = fakeDns({ 'api.kantata.test': [PUBLIC_ADDRESS, '10.0.0.5'] });
    await assert.rejects(fromPublic(photoUrl('/photo.png'), { agents: direct, lookup }), /api\.kantata\.test resolves to 10\.0\.0\.5, a private address, and photos from a public/);
    assert.deepEqual(paths, []);
  });

  it('connects a name with a public address to that address only: a second answer (DNS rebinding) is never asked for', async () => {
    let calls = 0;
    const lookup = fakeDns({ 'api.kantata.test': () => (calls++ === 0 ? [PUBLIC_ADDRESS] : ['127.0.0.2']) });
    const error = await fromPublic(photoUrl('/photo.png'), { agents: direct, lookup, timeoutMs: 1000 }).then(
      () => assert.fail('downloaded from this machine'),
      (reason: unknown) => (reason instanceof Error ? reason.message : String(reason)),
    );
    // It tried 93.184.216.34 (which does not answer on that port here): a failure to connect, not a refusal.
    assert.doesNotMatch(error, /was not downloaded/);
    assert.match(error, /did not answer within 1 seconds|could not be downloaded/);
    assert.deepEqual(lookup.asked, ['api.kantata.test']);
    assert.deepEqual(paths, []);
  });

  it('through a proxy, the name is resolved here first: a private answer is refused and no tunnel is opened', async () => {
    const lookup = fakeDns({ 'api.kantata.test': ['127.0.0.2'] });
    await assert.rejects(fromPublic(photoUrl('/photo.png'), { agents: proxied, lookup }), {
      message: `The photo at ${photoUrl('/photo.png')} was not downloaded: api.kantata.test resolves to 127.0.0.2, a loopback address (this machine), ${PUBLIC_ONLY}`,
    });
    assert.deepEqual(proxy.tunnels, []);
    assert.deepEqual(paths, []);
  });

  it('through a proxy, a name with a public address is fetched (the proxy resolves it), redirects included', async () => {
    const lookup = fakeDns({ 'api.kantata.test': [PUBLIC_ADDRESS] });
    assert.deepEqual((await fromPublic(photoUrl('/photo.png'), { agents: proxied, lookup })).bytes, defaultAvatarPng());
    assert.deepEqual((await fromPublic(photoUrl('/redirect-here'), { agents: proxied, lookup })).bytes, defaultAvatarPng());
    assert.deepEqual(paths, ['/photo.png', '/redirect-here', '/photo.png']);
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((tunnel) => tunnel === `api.kantata.test:${port}`), proxy.tunnels.join());
  });

  it('a redirect to a name that resolves to a private address, or to the metadata address, is not followed', async () => {
    const lookup = fakeDns({ 'api.kantata.test': [PUBLIC_ADDRESS], 'internal.example.com': ['10.0.0.5'] });
    const from = (where: string) => `The photo at ${photoUrl(where)} redirected to`;
    await assert.rejects(fromPublic(photoUrl('/redirect-private'), { agents: proxied, lookup }), {
      message: `${from('/redirect-private')} https://internal.example.com/a.png, which was not followed: internal.example.com resolves to 10.0.0.5, a private address, ${PUBLIC_ONLY}`,
    });
    await assert.rejects(fromPublic(photoUrl('/redirect-metadata'), { agents: proxied, lookup, timeoutMs: 2000 }), {
      message: `${from('/redirect-metadata')} https://169.254.169.254/latest/meta-data/, which was not followed: 169.254.169.254 is a link-local address, ${PUBLIC_ONLY}`,
    });
    await assert.rejects(fromPublic(photoUrl('/redirect-mapped'), { agents: proxied, lookup, timeoutMs: 2000 }), /\[::ffff:a9fe:a9fe\] is a link-local address/);
    assert.deepEqual(paths, ['/redirect-private', '/redirect-metadata', '/redirect-mapped']);
    assert.ok(
      proxy.tunnels.every((tunnel) => tunnel === `api.kantata.test:${port}`),
      proxy.tunnels.join(),
    );
  });
});
