import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KantataTestApi } from '../../src/testApi';
import { Sandbox, startSandbox } from '../sandbox/server';
import { ConnectProxy, startConnectProxy } from '../support/connectProxy';
import { activateExtension, setBaseUrl } from './support/extensionUnderTest';
import { afterLoad, signInTo, signOutAndReset } from './support/signedIn';
import { ScriptedTokenPrompt } from './support/scriptedTokenPrompt';

const fixtures = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'tls');

describe('proxies and certificates, from VS Code settings', () => {
  let api: KantataTestApi;
  let sandbox: Sandbox;
  let proxy: ConnectProxy;
  const config = () => vscode.workspace.getConfiguration();
  const set = (name: string, value: unknown) => config().update(name, value, vscode.ConfigurationTarget.Global);

  before(async () => {
    api = await activateExtension();
    sandbox = await startSandbox({ tls: { key: fs.readFileSync(path.join(fixtures, 'server.key'), 'utf8'), cert: fs.readFileSync(path.join(fixtures, 'server.pem'), 'utf8') } });
    proxy = await startConnectProxy();
  });

  after(async () => {
    for (const name of ['http.proxy', 'kantata.caCertificates', 'http.noProxy']) {
      await set(name, undefined);
    }
    await signOutAndReset(api);
    await proxy.close();
    await sandbox.close();
  });

  it('without the CA, sign-in names the certificate problem; with kantata.caCertificates and http.proxy, the tree loads through the proxy', async () => {
    await set('http.proxy', proxy.url);
    await setBaseUrl(api, sandbox.baseUrl);
    const prompt = new ScriptedTokenPrompt([sandbox.adminToken]);
    api.setTokenPrompt(prompt);
    await vscode.commands.executeCommand('kantata.signIn');
    assert.match(prompt.messages[0] ?? '', /isn't trusted \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\).*kantata\.caCertificates/);

    await set('kantata.caCertificates', [path.join(fixtures, 'ca.pem')]);
    await afterLoad(api, () => signInTo(api, sandbox));
    assert.equal(api.teammates.users?.length, 140);
    const { port } = new URL(sandbox.origin);
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((tunnel) => tunnel === `127.0.0.1:${port}`));
    assert.ok(!proxy.sentThroughTunnels().includes(sandbox.adminToken), 'the token reached the proxy in clear text');

    const tunnels = proxy.tunnels.length;
    await set('http.noProxy', ['127.0.0.1']);
    await afterLoad(api, () => vscode.commands.executeCommand('kantata.refreshTeammates'));
    assert.equal(proxy.tunnels.length, tunnels, 'http.noProxy did not bypass the proxy');
  });
});
