import { isKantataError } from '../kantata/errors';
import type { ErrorData } from './protocol';

/** The error's own plain message and what can be done about it, for the page. */
export function toErrorData(error: unknown): ErrorData {
  if (isKantataError(error)) {
    return {
      message: error.userMessage,
      canRetry: error.remedies.includes('retry') || error.kind === 'cancelled',
      canSignIn: error.remedies.includes('signIn'),
    };
  }
  return { message: `Something went wrong: ${error instanceof Error ? error.message : String(error)}`, canRetry: true, canSignIn: false };
}
