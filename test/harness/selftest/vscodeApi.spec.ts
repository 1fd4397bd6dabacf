// Runs inside code-server's extension host, against the real `vscode` module.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('harness self-test', () => {
  it('reaches the real vscode API', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('workbench.action.files.newUntitledFile'), 'a built-in command is missing');
    console.log(`vscode ${vscode.version}, ${commands.length} commands, appName ${vscode.env.appName}, ` +
      `uiKind ${vscode.UIKind[vscode.env.uiKind]}, remoteName ${vscode.env.remoteName}`);
  });

  it('loads the extension under development', () => {
    const extension = vscode.extensions.getExtension('kantata-teammates.kantata-teammates');
    assert.ok(extension, 'kantata-teammates.kantata-teammates is not loaded');
    console.log(`extension at ${extension.extensionPath}`);
  });

  it('inherits the environment given to code-server', () => {
    // The runner checks that this line reaches its output with the value it set.
    assert.ok(process.env.HARNESS_SELFTEST_TOKEN, 'HARNESS_SELFTEST_TOKEN is not set in the extension host');
    console.log(`token=${process.env.HARNESS_SELFTEST_TOKEN} HOME=${process.env.HOME} PATH=${process.env.PATH}`);
  });
});
