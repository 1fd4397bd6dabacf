import type { TokenCheck, TokenPrompt } from '../../../src/accounts/tokenInputBox';
import type { User } from '../../../src/kantata/types';

/**
 * Answers the sign-in box with the given tokens in turn, the way a user would retype after a failure, and
 * records every message the box would have shown. Gives up (Escape) when it runs out of answers.
 */
export class ScriptedTokenPrompt implements TokenPrompt {
  readonly messages: string[] = [];
  readonly asked: string[] = [];

  constructor(private readonly answers: readonly string[]) {}

  async ask(check: TokenCheck): Promise<User | undefined> {
    for (const answer of this.answers) {
      this.asked.push(answer);
      const result = await check(answer, new AbortController().signal);
      if (result.ok) {
        return result.user;
      }
      this.messages.push(result.message);
      if (result.stop) {
        return undefined;
      }
    }
    return undefined;
  }
}
