// Runs in the extension host through scripts/runIntegration.js. Exactly one pass and one failure are
// expected: anything else means the runner no longer reports what the suite did.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

describe('canary', () => {
  it('passes: the extension under development is loaded', () => {
    assert.ok(vscode.extensions.getExtension('kantata-teammates.kantata-teammates'));
  });

  it('fails on purpose: the runner must report this failure', () => {
    assert.equal(vscode.extensions.getExtension('kantata-teammates.kantata-teammates')?.id, 'not-the-extension-id', 'deliberate canary failure');
  });
});
