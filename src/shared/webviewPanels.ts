import * as vscode from 'vscode';

/**
 * What every Kantata webview panel gets: scripts on, and only the extension's `dist/` and `media/` readable
 * (photos arrive as data: URLs in messages, so a page loads nothing else from disk); tab icons drawn as
 * images, not masks, so one colour per theme kind.
 */
export function prepareWebviewPanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
  panel.iconPath = {
    light: vscode.Uri.joinPath(extensionUri, 'media', 'kantata-light.svg'),
    dark: vscode.Uri.joinPath(extensionUri, 'media', 'kantata-dark.svg'),
  };
}
