import { isKantataError } from '../kantata/errors';
import { SecretStorageError } from './accountStore';

export const REJECTED_TOKEN_MESSAGE =
  "Kantata rejected this token. Check that you copied all of it and that it hasn't been revoked.";

/**
 * What the sign-in box says when a token could not be checked or stored. Only a 401 from Kantata means the
 * token is bad: a network failure, a time-out or a server that doesn't answer like Kantata says so instead.
 */
export function describeSignInFailure(error: unknown): string {
  if (error instanceof SecretStorageError) {
    return `Kantata accepted the token, but it couldn't be stored. ${error.userMessage}`;
  }
  if (!isKantataError(error)) {
    return `Sign-in failed unexpectedly (${error instanceof Error ? error.message : String(error)}). See Kantata: Show Logs.`;
  }
  if (error.kind === 'unauthorized') {
    return REJECTED_TOKEN_MESSAGE;
  }
  const hints: string[] = [];
  if (error.remedies.includes('retry')) {
    hints.push('Press Enter to try again.');
  }
  if (error.remedies.includes('openSettings') && !/base URL setting/i.test(error.userMessage)) {
    hints.push('Check the Kantata base URL setting (gear button).');
  }
  return [error.userMessage, ...hints].join(' ');
}
