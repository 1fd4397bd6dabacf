import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import type { StoredAccount } from '../accounts/accountStore';

/**
 * Each account's photos live in a folder of their own under `root` (named by a hash: nothing personal on
 * disk), so switching account never shows, or reuses, another account's files.
 */
export function photoFolderFor(root: vscode.Uri, account: Pick<StoredAccount, 'id'> | undefined): vscode.Uri {
  return vscode.Uri.joinPath(root, account ? createHash('sha256').update(account.id).digest('hex').slice(0, 16) : 'signed-out');
}
