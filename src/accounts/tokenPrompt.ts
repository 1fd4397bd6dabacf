import { User } from '../kantata/types';

export type TokenCheckResult =
  | { readonly ok: true; readonly user: User }
  /** `stop`: the sign-in can't go on with this token (the server changed under it): close the prompt. */
  | { readonly ok: false; readonly message: string; readonly stop?: boolean };

/** Checks (and, when good, stores) a token the user entered. Never throws. */
export type TokenCheck = (token: string, signal: AbortSignal) => Promise<TokenCheckResult>;

/**
 * Asks the user for a token until `check` accepts one, says to stop, or the user gives up. The real one is
 * an input box; the extension-host tests substitute a scripted one through the test API.
 */
export interface TokenPrompt {
  ask(check: TokenCheck): Promise<User | undefined>;
}
