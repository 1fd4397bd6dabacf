import * as vscode from 'vscode';

/**
 * The Teammates view's data. While signed out it is empty, so VS Code shows the view's welcome content
 * (Sign In, how to get a token).
 */
export class TeammatesTreeProvider implements vscode.TreeDataProvider<never> {
  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }
}
