import * as vscode from 'vscode';
import { SecretStorageError } from './secretStorageError';

const keyPrefix = 'kantata.token:';

/**
 * The API token, only ever in VS Code's SecretStorage, one secret per base URL: a token for one Kantata
 * server is never sent to another, and switching the base URL switches the sign-in.
 */
export class TokenStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  static keyFor(baseUrl: string): string {
    return `${keyPrefix}${baseUrl}`;
  }

  async get(baseUrl: string): Promise<string | undefined> {
    try {
      return (await this.secrets.get(TokenStore.keyFor(baseUrl))) || undefined;
    } catch (error) {
      throw new SecretStorageError('read', error);
    }
  }

  async store(baseUrl: string, token: string): Promise<void> {
    try {
      await this.secrets.store(TokenStore.keyFor(baseUrl), token);
    } catch (error) {
      throw new SecretStorageError('save', error);
    }
  }

  async delete(baseUrl: string): Promise<void> {
    try {
      await this.secrets.delete(TokenStore.keyFor(baseUrl));
    } catch (error) {
      throw new SecretStorageError('delete', error);
    }
  }

  /** Fires with the base URL whose token changed, here or in another window. */
  onDidChange(listener: (baseUrl: string) => void): vscode.Disposable {
    return this.secrets.onDidChange((event) => {
      if (event.key.startsWith(keyPrefix)) {
        listener(event.key.slice(keyPrefix.length));
      }
    });
  }
}
