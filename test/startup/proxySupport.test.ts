// kantata.caCertificates and VS Code's proxy settings together, for a server that is not 127.0.0.1, under the
// http.proxySupport value this VS Code was started with (configurations.ts), with http.proxy set at start.
// With `override` (the default) and `fallback`, VS Code's extension host (@vscode/proxy-agent) replaces the
// extension's agent and opens the tunnel itself; with `on` and `off` the extension's own agent does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import type { Sandbox } from '../sandbox/server';
import { startConnectProxy, type ConnectProxy } from '../support/connectProxy';
import { activateExtension } from '../integration/support/extensionUnderTest';
import { afterLoad, signInTo } from '../integration/support/signedIn';
import { recordWindow, type WindowRecording } from '../integration/support/windowRecorder';
import { currentConfiguration } from './configurations';
import { CA_FILE, failedSignIn, SERVER_ADDRESS, SERVER_NAME, setSetting, signOut, startTlsSandbox } from './tlsServers';

const configuration = currentConfiguration();
const support = (configuration.userSettings['http.proxySupport'] as string | undefined) ?? 'override';
/** Whether VS Code opens the tunnels (and replaces our agent) rather than the extension. */
const vscodeTunnels = support === 'override' || support === 'fallback';
const untrusted = (host: string) => new RegExp(`^The certificate of ${host.replace(/\./g, '\\.')}:\\d+ isn't trusted \\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\\)\\. .*kantata\\.caCertificates`);

describe(`${configuration.name}: kantata.caCertificates with VS Code's proxy settings, for a server that is not 127.0.0.1`, () => {
  let api: KantataTestApi;
  let window: WindowRecording;
  let byName: Sandbox;
  let byAddress: Sandbox;
  let proxy: ConnectProxy;
  const port = (sandbox: Sandbox) => new URL(sandbox.origin).port;
  /** Loads the tree through the real sign-in command; resolves with the new tunnels. */
  const loadTree = async (sandbox: Sandbox): Promise<string[]> => {
    const before = proxy.tunnels.length;
    await afterLoad(api, () => signInTo(api, sandbox));
    assert.equal(api.teammates.error, undefined, api.teammates.error?.userMessage);
    assert.equal(api.teammates.users?.length, 140);
    await signOut(api);
    return proxy.tunnels.slice(before);
  };

  before(async () => {
    proxy = await startConnectProxy({ port: configuration.proxyPort, hosts: { [SERVER_NAME]: SERVER_ADDRESS } });
    byName = await startTlsSandbox('name');
    byAddress = await startTlsSandbox('address');
    window = recordWindow(); // before activation: it sees the warnings of start-up
    api = await activateExtension();
  });

  after(async () => {
    window?.restore();
    await proxy?.close();
    await byName?.close();
    await byAddress?.close();
  });

  afterEach(async () => {
    if (api) {
      await signOut(api);
    }
  });

  it('VS Code started with the proxy settings, and the extension warns about none of them', () => {
    assert.equal(vscode.workspace.getConfiguration().get('http.proxy'), proxy.url);
    assert.equal(vscode.workspace.getConfiguration().get('http.proxySupport'), support);
    assert.deepEqual(window.messages.filter((message) => message.severity !== 'info').map((message) => message.message), []);
  });

  it('through the proxy without the CA: sign-in names the untrusted certificate and kantata.caCertificates; nothing reaches the server', async () => {
    const before = proxy.tunnels.length;
    assert.match(await failedSignIn(api, byName), untrusted(`${SERVER_NAME}`));
    assert.deepEqual(proxy.tunnels.slice(before), [`${SERVER_NAME}:${port(byName)}`]);
    assert.equal(byName.requests.length, 0);
  });

  it(`with kantata.caCertificates: the tree loads through the proxy, tunnelled by ${vscodeTunnels ? 'VS Code' : 'the extension'}; the token never crosses it in clear text`, async () => {
    await setSetting('kantata.caCertificates', [CA_FILE]);
    const first = proxy.connectHeaders.length;
    const tunnels = await loadTree(byName);
    assert.ok(tunnels.length > 0 && tunnels.every((tunnel) => tunnel === `${SERVER_NAME}:${port(byName)}`), tunnels.join());
    // Who opened them: VS Code's own https-proxy-agent asks the proxy to close the connection after it, the
    // extension's agent keeps it alive. This proves which path the test took.
    const connections = proxy.connectHeaders.slice(first).map((headers) => headers['proxy-connection']);
    assert.deepEqual([...new Set(connections)], [vscodeTunnels ? 'close' : 'Keep-Alive']);
    assert.deepEqual(proxy.plainRequests, []);
    const sent = proxy.sentThroughTunnels();
    assert.ok(sent.length > 0);
    assert.ok(!sent.includes(byName.adminToken), 'the token crossed the proxy in clear text');
    assert.ok(!sent.includes('Authorization'), 'HTTP headers crossed the proxy in clear text');
  });

  it('a server by IP address through the proxy: its certificate is checked against its own address, not the proxy’s', async () => {
    const tunnels = await loadTree(byAddress);
    assert.ok(tunnels.length > 0 && tunnels.every((tunnel) => tunnel === `${SERVER_ADDRESS}:${port(byAddress)}`), tunnels.join());
  });

  it('http.noProxy: straight to the server, with the CA', async () => {
    await setSetting('http.noProxy', [SERVER_ADDRESS]);
    try {
      assert.deepEqual(await loadTree(byAddress), []);
    } finally {
      await setSetting('http.noProxy', undefined);
    }
  });

  it('without a proxy: the tree loads with the CA, and without it sign-in names the certificate problem', async () => {
    await setSetting('http.proxy', undefined);
    try {
      assert.deepEqual(await loadTree(byAddress), []);
      await setSetting('kantata.caCertificates', undefined);
      const requests = byAddress.requests.length;
      assert.match(await failedSignIn(api, byAddress), untrusted(SERVER_ADDRESS));
      assert.equal(byAddress.requests.length, requests, 'a request reached the server');
    } finally {
      await setSetting('http.proxy', proxy.url);
    }
  });

  it('http.proxyStrictSSL off: no CA needed, through the proxy and without it', async () => {
    await setSetting('kantata.caCertificates', undefined);
    await setSetting('http.proxyStrictSSL', false);
    try {
      const tunnels = await loadTree(byName);
      assert.ok(tunnels.length > 0 && tunnels.every((tunnel) => tunnel === `${SERVER_NAME}:${port(byName)}`), tunnels.join());
      await setSetting('http.proxy', undefined);
      assert.deepEqual(await loadTree(byAddress), []);
    } finally {
      await setSetting('http.proxyStrictSSL', undefined);
      await setSetting('http.proxy', proxy.url);
    }
  });

  it('a proxy that is down is named in the sign-in box', async () => {
    await setSetting('kantata.caCertificates', [CA_FILE]);
    await setSetting('http.proxy', 'http://127.0.0.1:9');
    try {
      assert.match(await failedSignIn(api, byName), new RegExp(`^Couldn't reach ${SERVER_NAME.replace(/\./g, '\\.')}:\\d+ through the proxy 127\\.0\\.0\\.1:9 .*http\\.proxy setting`));
    } finally {
      await setSetting('http.proxy', proxy.url);
    }
  });
});
