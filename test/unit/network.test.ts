import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { KantataClient } from '../../src/kantata/client';
import { isKantataError, KantataError } from '../../src/kantata/errors';
import { errorFromTransport } from '../../src/kantata/httpErrors';
import { NetworkAgents, NetworkOptions, proxyProblem, proxySettingProblem } from '../../src/kantata/networkAgents';
import { downloadPhoto } from '../../src/kantata/photoDownload';
import { readCaFile, readCaFiles } from '../../src/settings/caFiles';
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
  // The setting's name comes from the settings layer (readNetworkSettings), as in the extension.
  const client = (network: NetworkOptions) =>
    new KantataClient({ baseUrl: sandbox.baseUrl, getToken: async () => sandbox.adminToken, version: 't', network: { env: {}, caCertificatesSetting: 'kantata.caCertificates', ...network }, retry: { maxAttempts: 1 } });

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
    assert.match(invalid.userMessage, /is not an http:\/\/ or https:\/\/ proxy address/);
    assert.deepEqual([...invalid.remedies], ['openSettings']);
  });

  it('photos travel the same way: through the proxy, with the CA, without the token', async () => {
    const proxied = client({ caCertificates: [ca], proxy: proxy.url });
    const photo = await downloadPhoto(`${sandbox.origin}/photos/default.png`, { agents: proxied.networkAgents, baseUrl: sandbox.baseUrl });
    assert.equal(photo.extension, 'png');
    assert.equal(proxy.tunnels.length, 1);
    assert.ok(sandbox.photoRequests.every((request) => request.headers.authorization === undefined));
  });
});

// A second test CA and a certificate for 127.0.0.2 and api.kantata.test only (test/fixtures/tls-127.0.0.2/README.md).
const fixtures2 = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls-127.0.0.2');
const ca2 = fs.readFileSync(path.join(fixtures2, 'ca.pem'), 'utf8');
const tls2 = { key: fs.readFileSync(path.join(fixtures2, 'server.key'), 'utf8'), cert: fs.readFileSync(path.join(fixtures2, 'server.pem'), 'utf8') };

describe('networks: a server that is not 127.0.0.1, through a proxy', () => {
  let byAddress: Sandbox;
  let byName: Sandbox;
  let proxy: ConnectProxy;
  const client = (baseUrl: string, token: string, network: NetworkOptions) =>
    new KantataClient({ baseUrl, getToken: async () => token, version: 't', network: { env: {}, caCertificatesSetting: 'kantata.caCertificates', ...network }, retry: { maxAttempts: 1 } });

  before(async () => {
    byAddress = await startSandbox({ tls: tls2, host: '127.0.0.2' });
    byName = await startSandbox({ tls: tls2, host: '127.0.0.2', hostName: 'api.kantata.test' });
    proxy = await startConnectProxy({ hosts: { 'api.kantata.test': '127.0.0.2' } });
  });

  after(async () => {
    await proxy.close();
    await byAddress.close();
    await byName.close();
  });

  it('by host name: the proxy resolves it, the certificate is checked against it', async () => {
    assert.match(byName.baseUrl, /^https:\/\/api\.kantata\.test:\d+\/api\/v1$/);
    assert.equal((await client(byName.baseUrl, byName.adminToken, { proxy: proxy.url, caCertificates: [ca2] }).me()).fullName, 'Alex Rivera');
    assert.equal(proxy.tunnels.at(-1), `api.kantata.test:${new URL(byName.origin).port}`);
    const refused = await failure(client(byName.baseUrl, byName.adminToken, { proxy: proxy.url, caCertificates: [ca] }).me());
    assert.match(refused.userMessage, /^The certificate of api\.kantata\.test:\d+ isn't trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\).*kantata\.caCertificates/);
  });

  it("by IP address: the certificate is checked against the server's address, not the proxy's", async () => {
    // https-proxy-agent sets no server name for an IP address, and Node then checks the certificate against
    // the address of the socket under TLS: the proxy's 127.0.0.1. Found with VS Code's own tunnel too.
    assert.equal((await client(byAddress.baseUrl, byAddress.adminToken, { proxy: proxy.url, caCertificates: [ca2] }).me()).fullName, 'Alex Rivera');
    assert.equal(proxy.tunnels.at(-1), `127.0.0.2:${new URL(byAddress.origin).port}`);
  });

  it("hands each request its TLS options, which VS Code's proxy support keeps when it replaces the agent", () => {
    const agents = new NetworkAgents({ env: {}, caCertificates: [ca2], strictSSL: false, proxy: proxy.url });
    const route = agents.forUrl(`${byAddress.baseUrl}/users/me`);
    assert.ok(route.tls?.ca?.includes(ca2));
    assert.equal(route.tls?.rejectUnauthorized, false);
    const cert = new X509Certificate(tls2.cert);
    const asPeer = { subject: { CN: '127.0.0.2' }, subjectaltname: cert.subjectAltName } as unknown as PeerCertificate;
    assert.equal(route.tls?.checkServerIdentity('127.0.0.1', asPeer), undefined, "checked against the URL's host, 127.0.0.2");
    assert.ok(agents.forUrl('https://10.0.0.5/api/v1').tls?.checkServerIdentity('127.0.0.2', asPeer) instanceof Error);
    assert.deepEqual(agents.forUrl('http://127.0.0.1:1/api/v1'), {});
    agents.dispose();
  });

  it("a proxy setting it can't use blocks requests, unless VS Code routes them itself", () => {
    const agents = (hostProxySupport?: NetworkOptions['hostProxySupport']) => new NetworkAgents({ env: {}, proxy: 'socks5://127.0.0.1:1080', hostProxySupport });
    for (const support of [undefined, 'off', 'on'] as const) {
      assert.throws(() => agents(support).forUrl('https://api.kantata.test/api/v1'), /is not an http:\/\/ or https:\/\/ proxy address/);
    }
    for (const support of ['override', 'fallback'] as const) {
      const route = agents(support).forUrl('https://api.kantata.test/api/v1');
      assert.equal(route.proxyHost, undefined);
      assert.ok(route.httpsAgent);
      // VS Code leaves localhost and 127.0.0.1 to the extension's own agent: there the setting still blocks.
      assert.throws(() => agents(support).forUrl('https://127.0.0.1:8443/api/v1'), /proxy address/);
    }
  });

  it('tells a proxy address from a typo', () => {
    for (const good of ['http://proxy.example.com:3128', 'https://proxy.example.com', 'proxy.example.com:3128', 'http://user:pass@proxy:8080', '10.0.0.1:3128', 'http://[::1]:3128']) {
      assert.equal(proxyProblem(good), undefined, good);
    }
    for (const bad of ['http:/127.0.0.1:3128', 'http//127.0.0.1:3128', 'socks5://127.0.0.1:1080', 'http://', 'http://proxy:99999', 'http://proxy:3128/path', 'proxy 3128', 'ftp://proxy']) {
      assert.match(proxyProblem(bad) ?? '', /Check the http\.proxy setting/, bad);
    }
    assert.doesNotMatch(proxyProblem('http:/user:secret@proxy') ?? '', /secret/);
  });

  it('warns about http.proxy as VS Code will read it', () => {
    // Our own agent (off, on, outside VS Code) reads `proxy:3128` as http://; VS Code with override ignores it.
    for (const support of [undefined, 'off', 'on', 'fallback'] as const) {
      assert.equal(proxySettingProblem('proxy.example.com:3128', support), undefined, support);
    }
    assert.match(proxySettingProblem('user:secret@proxy.example.com:3128', 'override') ?? '', /^The http\.proxy setting "…@proxy\.example\.com:3128" has no http:\/\/ in front, so VS Code ignores it.*Write it as http:\/\/…@proxy/);
    // SOCKS: VS Code handles it when it routes; our own agent can't.
    assert.equal(proxySettingProblem('socks5://127.0.0.1:1080', 'override'), undefined);
    assert.equal(proxySettingProblem('socks5://127.0.0.1:1080', 'fallback'), undefined);
    assert.match(proxySettingProblem('socks5://127.0.0.1:1080', 'off') ?? '', /is not an http:\/\/ or https:\/\/ proxy address/);
    // A typo is one whatever the mode.
    for (const support of [undefined, 'off', 'on', 'fallback', 'override'] as const) {
      assert.match(proxySettingProblem('http:/127.0.0.1:3128', support) ?? '', /^The proxy "http:\/127\.0\.0\.1:3128" is not an http:\/\/ or https:\/\/ proxy address/, support);
      assert.equal(proxySettingProblem('  ', support), undefined);
      assert.equal(proxySettingProblem('http://127.0.0.1:3128', support), undefined);
    }
  });

  it('names a proxy VS Code could not connect through', () => {
    const error = errorFromTransport(undefined, 'api.kantata.test', 'Failed to establish a socket connection to proxies: PROXY 127.0.0.1:9');
    assert.match(error.userMessage, /^Couldn't reach api\.kantata\.test through the proxy 127\.0\.0\.1:9 .*http\.proxy setting/);
    assert.deepEqual([...error.remedies], ['retry', 'openSettings']);
  });
});

describe('CA files (kantata.caCertificates)', () => {
  let folder: string;
  const file = (name: string, text: string) => {
    const full = path.join(folder, name);
    fs.writeFileSync(full, text);
    return full;
  };
  before(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kantata-ca-files-'));
  });
  after(() => fs.rmSync(folder, { recursive: true, force: true }));

  it('reads PEM files and bundles', () => {
    const bundle = file('bundle.pem', `${ca}\n${ca2}`);
    assert.deepEqual(readCaFile(bundle), { pem: `${ca}\n${ca2}` });
  });

  it("names each file it can't use, and why", () => {
    const missing = path.join(folder, 'missing.pem');
    const notPem = file('notes.txt', 'just some text\n');
    const broken = file('broken.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const secondBroken = file('second.pem', `${ca}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`);
    const { certificates, problems } = readCaFiles([missing, folder, notPem, broken, secondBroken, 'relative/ca.pem', '  ', path.join(fixtures, 'ca.pem')]);
    assert.equal(certificates.length, 1);
    assert.deepEqual(problems.slice(0, 3), [`${missing} doesn't exist.`, `${folder} is a folder, not a PEM file.`, `${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`]);
    assert.match(problems[3] ?? '', new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: its certificate can't be read \\(.+\\)\\.$`));
    assert.match(problems[4] ?? '', /second\.pem: its certificate number 2 can't be read/);
    assert.equal(problems[5], 'relative/ca.pem is not a full path (write it like /etc/ssl/certs/company-ca.pem).');
    assert.equal(problems.length, 6);
  });

  it('never reads from a pipe or a device', () => {
    assert.deepEqual(readCaFile('/dev/zero'), { problem: '/dev/zero is not a regular file.' });
    // Nobody writes to this FIFO: opening it to read would block the extension host for good.
    const pipe = path.join(folder, 'pipe.pem');
    execFileSync('mkfifo', [pipe]);
    assert.deepEqual(readCaFile(pipe), { problem: `${pipe} is not a regular file.` });
  });

  it('looks at the size before reading: a 4 GB file is refused unread', () => {
    const sparse = path.join(folder, 'huge.pem');
    fs.closeSync(fs.openSync(sparse, 'w'));
    fs.truncateSync(sparse, 4 * 1024 * 1024 * 1024);
    assert.deepEqual(readCaFile(sparse), { problem: `${sparse} is larger than 10 MB: not a certificate file.` });
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
