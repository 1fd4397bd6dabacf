import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { startSandbox } from '../sandbox/server';
import { activateExtension, EXTENSION_ID, setBaseUrl, waitFor } from './support/extensionUnderTest';

interface Manifest {
  contributes: {
    commands: { command: string }[];
    viewsContainers: { activitybar: { id: string; title: string }[] };
    views: Record<string, { id: string; name: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

describe('activation', () => {
  it('registers every contributed command, and the Teammates and People in This File views in the Kantata container', async () => {
    await activateExtension();
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as Manifest;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
    }
    // And the other way round: every kantata.* command is contributed, VS Code's own view commands aside.
    const contributed = new Set(manifest.contributes.commands.map(({ command }) => command));
    const generatedByVsCode = /^kantata\.(teammates|peopleInFile)\.(focus|resetViewLocation|toggleVisibility|removeView|open)$/;
    const uncontributed = [...registered].filter((command) => command.startsWith('kantata.') && !contributed.has(command) && !generatedByVsCode.test(command));
    assert.deepEqual(uncontributed, []);
    for (const command of ['kantata.signIn', 'kantata.signOut', 'kantata.showLogs', 'kantata.updateUser', 'kantata.updateProfilePhoto', 'kantata.resetProfilePhoto']) {
      assert.ok(registered.has(command), `${command} is missing`);
    }
    assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map(({ id, title }) => ({ id, title })), [{ id: 'kantata', title: 'Kantata' }]);
    assert.deepEqual(manifest.contributes.views.kantata?.map(({ id, name }) => ({ id, name })), [
      { id: 'kantata.teammates', name: 'Teammates' },
      { id: 'kantata.peopleInFile', name: 'People in This File' },
    ]);
    // VS Code adds a focus command for every view that exists in the workbench.
    assert.ok(registered.has('kantata.teammates.focus'), 'the kantata.teammates view is not in the workbench');
    assert.ok(registered.has('kantata.peopleInFile.focus'), 'the kantata.peopleInFile view is not in the workbench');
    assert.equal(manifest.contributes.configuration.properties['kantata.baseUrl']?.default, 'https://api.mavenlink.com/api/v1');
    assert.equal(manifest.contributes.configuration.properties['kantata.requestTimeoutSeconds']?.default, 30);
  });

  it('makes no request to Kantata while signed out, and opens its log', async () => {
    const api = await activateExtension();
    const sandbox = await startSandbox();
    try {
      await setBaseUrl(api, sandbox.baseUrl);
      assert.equal(api.session.state.kind, 'signedOut');
      await vscode.commands.executeCommand('kantata.teammates.focus');
      await vscode.commands.executeCommand('kantata.showLogs');
      assert.equal(sandbox.requests.length, 0);
    } finally {
      await setBaseUrl(api, undefined);
      await sandbox.close();
    }
  });

  it('says in its log where it reads the connection settings from (in a remote window, the CA files only from Remote settings)', async () => {
    const api = await activateExtension();
    const logFile = path.join(api.storage.logUri.fsPath, 'Kantata.log');
    const settingsLine = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '').split('\n').find((line) => line.includes('Settings: '));
    await waitFor(() => settingsLine() !== undefined, 'the settings line in Kantata.log');
    const line = settingsLine() as string;
    if (vscode.env.remoteName) {
      assert.ok(line.includes(`a remote window (${vscode.env.remoteName})`), line);
      assert.ok(line.includes('kantata.caCertificates from Remote settings only'), line);
    } else {
      assert.ok(line.includes('kantata.caCertificates from User settings'), line);
    }
    assert.equal(line.includes('Restricted Mode'), !vscode.workspace.isTrusted, line);
  });
});
