import * as vscode from 'vscode';
import { KantataSession } from '../auth/session';
import { User } from '../kantata/types';
import { pickTeammate } from '../views/findTeammate';
import { TeammateNode } from '../views/teammateNodes';
import { TeammatesStore } from '../views/teammatesStore';

/** What a command about a person may be invoked with: a tree row, a panel's `{ userId }`, or nothing (palette). */
export type CommandTarget = TeammateNode | { readonly userId: string } | undefined;

/** Says why a command can't run while signed out, offering to sign in; doesn't wait for the answer. */
export function askToSignIn(): void {
  const signIn = 'Sign In';
  vscode.window.showInformationMessage('Sign in to Kantata first: this command needs your Kantata account.', signIn).then(
    async (choice) => {
      if (choice === signIn) {
        await vscode.commands.executeCommand('kantata.signIn');
      }
    },
    () => undefined,
  );
}

/** The person a command is about: the row or panel it came from, else one picked from the loaded teammates. */
export async function resolveTarget(
  target: CommandTarget,
  store: TeammatesStore,
  session: KantataSession,
  title: string,
  options: { readonly meFirst?: boolean } = {},
): Promise<Pick<User, 'id' | 'fullName'> | undefined> {
  if (target && 'kind' in target) {
    return target.kind === 'user' ? target.user : undefined;
  }
  if (target && 'userId' in target && typeof target.userId === 'string') {
    const known = store.users?.find((user) => user.id === target.userId);
    const state = session.state;
    const me = state.kind === 'signedIn' && state.user?.id === target.userId ? state.user : undefined;
    return known ?? me ?? { id: target.userId, fullName: 'Kantata Profile' };
  }
  if (!store.users && !store.isLoading) {
    void store.refresh();
  }
  return pickTeammate(store, session, title, options);
}

/**
 * The whole user a command edits: the row's or the loaded list's copy when there is one (its values are what
 * the user sees), else fetched. Undefined when cancelled; throws the client's error when the fetch fails.
 */
export async function resolveUser(
  target: CommandTarget,
  store: TeammatesStore,
  session: KantataSession,
  title: string,
): Promise<User | undefined> {
  const chosen = await resolveTarget(target, store, session, title, { meFirst: true });
  if (!chosen) {
    return undefined;
  }
  if ('emailAddress' in chosen) {
    return chosen as User;
  }
  const state = session.state;
  if (state.kind === 'signedIn' && state.user?.id === chosen.id) {
    return state.user;
  }
  return session.client.getUser(chosen.id, { include: ['role'], optionalFields: ['classification', 'country'] });
}
