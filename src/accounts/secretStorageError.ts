/** Where VS Code documents what to do when it cannot reach the operating system's keyring. */
export const KEYRING_HELP_URL = 'https://code.visualstudio.com/docs/configure/settings-sync#_troubleshooting-keychain-issues';

/**
 * SecretStorage failed: on Linux this almost always means no Secret Service keyring is running or unlocked.
 * Carries a message that says so and what to do about it.
 */
export class SecretStorageError extends Error {
  readonly userMessage: string;

  constructor(action: 'read' | 'save' | 'delete', cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`SecretStorage could not ${action} the token: ${reason}`);
    this.name = 'SecretStorageError';
    this.userMessage =
      `VS Code couldn't ${action} your Kantata token in the system keyring (${reason}). ` +
      'On Linux, install and unlock a keyring such as GNOME Keyring or KWallet, ' +
      'or start VS Code with --password-store=basic.';
  }
}
