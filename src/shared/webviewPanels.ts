import * as fs from 'node:fs';
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

const assetTexts = new Map<string, string>();

/**
 * A page's script and style sheet as text, to write into the page (see ProfileShell): read from the extension's
 * own files once per session (a few KB each) and kept, so each new panel costs no disk read.
 */
export function pageAssets(extensionUri: vscode.Uri, script: string, style: string): { readonly script: string; readonly style: string } {
  const read = (...segments: string[]) => {
    const file = vscode.Uri.joinPath(extensionUri, ...segments).fsPath;
    let text = assetTexts.get(file);
    if (text === undefined) {
      text = fs.readFileSync(file, 'utf8');
      assetTexts.set(file, text);
    }
    return text;
  };
  return { script: read('dist', script), style: read('media', style) };
}
