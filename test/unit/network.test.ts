import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KantataClient } from '../../src/kantata/client';
import { isKantataError, KantataError } from '../../src/kantata/errors';
import { NetworkOptions } from '../../src/kantata/networkAgents';
import { downloadPhoto } from '../../src/kantata/photoDownload';
import { bypassesProxy, proxyFromEnvironment, splitNoProxy } from '../../src/kantata/proxyRules';
import { Sandbox, startSandbox } from '../sandbox/server';
import { ConnectProxy, startConnectProxy } from '../support/connectProxy';

// A test-only certificate authority and a certificate for 127.0.0.1 signed by it (valid until 2126).
const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');
const ca = fs.readFileSync(path.join(fixtures, 'ca.pem'), 'utf8');
const tls = { key: fs.readFileSync(path.join(fixtures, 'server.key'), 'utf8'), cert: fs.readFileSync(path.join(fixtures, 'server.pem'), 'utf8') };

async function failure(promise: Promise<unknown>): Promise<KantataError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isKantataError(error), String(error));
    return error;
  }
  assert.fail('expected a failure');
}

describe('networks: proxies and certificates', () => {
  let sandbox: Sandbox;
  let proxy: ConnectProxy;
  const client = (network: NetworkOptions) =>
    new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => sandbox.adminToken, version: 't', network: { env: {}, ...network }, retry: { maxAttempts: 1 } });

  before(async () => {
    sandbox = await startSandbox({ tls });
    proxy = await startConnectProxy();
  });

  after(async () => {
    await proxy.close();
    await sandbox.close();
  });

  beforeEach(() => {
    sandbox.clearRequests();
    proxy.tunnels.length = 0;
  });

  it('an untrusted certificate is named as such, with the setting that fixes it; nothing reaches the server', async () => {
    assert.match(sandbox.baseUrl, /^https:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const error = await failure(client({}).me());
    assert.equal(error.kind, 'network');
    assert.match(error.userMessage, /^The certificate of 127\.0\.0\.1:\d+ isn't trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)/);
    assert.match(error.userMessage, /kantata\.caCertificates/);
    assert.equal(sandbox.requests.length, 0);
  });

  it('with the CA added, requests go through; with strict SSL off, too', async () => {
    assert.equal((await client({ caCertificates: [ca] }).me()).fullName, 'Alex Rivera');
    assert.equal((await client({ strictSSL: false }).me()).fullName, 'Alex Rivera');
  });

  it('through a CONNECT proxy: a tunnel to the server, and the token never in clear text', async () => {
    const users = await client({ caCertificates: [ca], proxy: proxy.url }).listUsers();
    assert.equal(users.length, 140);
    const { port } = new URL(sandbox.origin);
    assert.ok(proxy.tunnels.length >= 1 && proxy.tunnels.every((tunnel) => tunnel === `127.0.0.1:${port}`), proxy.tunnels.join());
    assert.deepEqual(proxy.plainRequests, []);
    const bytes = proxy.sentThroughTunnels();
    assert.ok(bytes.length > 0);
    assert.ok(!bytes.includes(sandbox.adminToken), 'the token crossed the proxy in clear text');
    assert.ok(!bytes.includes('Authorization'), 'HTTP headers crossed the proxy in clear text');
  });

  it('HTTPS_PROXY from the environment is used, and NO_PROXY bypasses it', async () => {
    await client({ caCertificates: [ca], env: { HTTPS_PROXY: proxy.url } }).me();
    assert.equal(proxy.tunnels.length, 1);
    await client({ caCertificates: [ca], env: { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,127.0.0.1' } }).me();
    await client({ caCertificates: [ca], proxy: proxy.url, noProxy: ['localhost', '127.0.0.1'] }).me();
    assert.equal(proxy.tunnels.length, 1, 'NO_PROXY / http.noProxy did not bypass the proxy');
  });

  it('a proxy that is down is named in the message; an invalid proxy setting is explained', async () => {
    const down = await failure(client({ caCertificates: [ca], proxy: 'http://127.0.0.1:9' }).me());
    assert.match(down.userMessage, /^Couldn't reach 127\.0\.0\.1:\d+ through the proxy 127\.0\.0\.1:9 \(ECONNREFUSED\)/);
    const invalid = await failure(client({ proxy: 'socks5://127.0.0.1:1080' }).me());
    assert.match(invalid.userMessage, /is not an http:\/\/ or https:\/\/ URL/);
    assert.deepEqual([...invalid.remedies], ['openSettings']);
  });

  it('photos travel the same way: through the proxy, with the CA, without the token', async () => {
    const proxied = client({ caCertificates: [ca], proxy: proxy.url });
    const photo = await downloadPhoto(`${sandbox.origin}/photos/default.png`, { agents: proxied.networkAgents });
    assert.equal(photo.extension, 'png');
    assert.equal(proxy.tunnels.length, 1);
    assert.ok(sandbox.photoRequests.every((request) => request.headers.authorization === undefined));
  });
});

describe('which requests bypass the proxy', () => {
  const url = (text: string) => new URL(text);

  it('follows the NO_PROXY conventions', () => {
    assert.ok(bypassesProxy(url('https://api.mavenlink.com/x'), ['mavenlink.com']));
    assert.ok(bypassesProxy(url('https://api.mavenlink.com/x'), ['.mavenlink.com']));
    assert.ok(bypassesProxy(url('https://api.mavenlink.com/x'), ['*.mavenlink.com']));
    assert.ok(!bypassesProxy(url('https://api.mavenlink.com/x'), ['link.com', 'maven']));
    assert.ok(bypassesProxy(url('https://127.0.0.1:8443/x'), ['127.0.0.1:8443']));
    assert.ok(!bypassesProxy(url('https://127.0.0.1:8443/x'), ['127.0.0.1:9443']));
    assert.ok(bypassesProxy(url('https://[::1]:8443/x'), ['::1']));
    assert.ok(bypassesProxy(url('https://anything.example/x'), ['*']));
    assert.ok(!bypassesProxy(url('https://anything.example/x'), []));
    assert.deepEqual(splitNoProxy(' a.com, b.com  c.com,,'), ['a.com', 'b.com', 'c.com']);
  });

  it('reads the proxy for the scheme from the environment', () => {
    assert.equal(proxyFromEnvironment(url('https://x'), { https_proxy: 'http://p:1', HTTP_PROXY: 'http://q:2' }), 'http://p:1');
    assert.equal(proxyFromEnvironment(url('http://x'), { https_proxy: 'http://p:1', HTTP_PROXY: 'http://q:2' }), 'http://q:2');
    assert.equal(proxyFromEnvironment(url('https://x'), {}), undefined);
  });
});
