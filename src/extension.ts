import type * as vscode from 'vscode';

/**
 * Entry point. Activation only wires the parts together; it makes no network call and never blocks.
 * The parts arrive with later issues (sign-in, tree, panel, commands).
 */
export function activate(_context: vscode.ExtensionContext): void {
  // Nothing to register yet.
}

export function deactivate(): void {
  // Everything registered is owned by context.subscriptions and disposed by VS Code.
}
