import { KantataSession } from './auth/session';
import { TokenPrompt } from './auth/tokenPrompt';

/**
 * What `activate()` returns when the extension runs under the extension-host tests (ExtensionMode.Test):
 * the session to observe, and a way to answer the sign-in box. Never returned to other extensions.
 */
export interface KantataTestApi {
  readonly session: KantataSession;
  /** Replaces the sign-in input box; `undefined` restores the real one. */
  setTokenPrompt(prompt: TokenPrompt | undefined): void;
}
