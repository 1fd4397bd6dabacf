import * as l10n from '@vscode/l10n';
import { isKantataError } from '../kantata/errors';
import { SecretStorageError } from './accountStore';

/** The English of rejectedTokenMessage(), which the unit tests compare with. */
export const REJECTED_TOKEN_MESSAGE = "Kantata rejected this token. Check that you copied all of it and that it hasn't been revoked.";

/** No `vscode` here (the unit tests run it): `l10n.t` from `@vscode/l10n`, which reads the same bundle. */
export function rejectedTokenMessage(): string {
  return l10n.t("Kantata rejected this token. Check that you copied all of it and that it hasn't been revoked.");
}

/**
 * What the sign-in box says when a token could not be checked or stored. Only a 401 from Kantata means the
 * token is bad: a network failure, a time-out or a server that doesn't answer like Kantata says so instead.
 */
export function describeSignInFailure(error: unknown): string {
  if (error instanceof SecretStorageError) {
    return l10n.t({ message: "Kantata accepted the token, but it couldn't be stored. {0}", args: [error.userMessage], comment: ['{0} is a whole sentence on what went wrong with the keyring'] });
  }
  if (!isKantataError(error)) {
    return l10n.t('Sign-in failed unexpectedly ({0}). See Kantata: Show Logs.', error instanceof Error ? error.message : String(error));
  }
  if (error.kind === 'unauthorized') {
    return rejectedTokenMessage();
  }
  const hints: string[] = [];
  if (error.remedies.includes('retry')) {
    hints.push(l10n.t('Press Enter to try again.'));
  }
  if (error.remedies.includes('openSettings') && !error.namesBaseUrlSetting) {
    hints.push(l10n.t('Check the Kantata base URL setting (gear button).'));
  }
  return [error.userMessage, ...hints].join(' ');
}
