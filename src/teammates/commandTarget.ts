import * as vscode from 'vscode';
import { AccountSession } from '../accounts/accountSession';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { pickTeammate } from './findTeammate';
import { TeammateNode } from './teammateNodes';
import { TEAMMATE_SELECTION, TeammatesStore } from './teammatesStore';

/** What a command about a person may be invoked with: a tree row, a panel's `{ userId }`, or nothing (palette). */
export type CommandTarget = TeammateNode | { readonly userId: string } | undefined;

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
    const me = session.isMe(target.userId) ? session.current?.user : undefined;
    return known ?? me ?? { id: target.userId, fullName: vscode.l10n.t('Kantata Profile') };
  }
  if (!store.users && !store.isLoading) {
    void store.refresh();
  }
  return pickTeammate(store, session, title, options);
}

/**
 * The whole user a command edits, in `account`: the row's or the loaded list's copy when there is one (its
 * values are what the user sees), else fetched. Undefined when cancelled; throws the client's error when the
 * fetch fails, and a `cancelled` one when the account was left while the user was choosing.
 */
export async function resolveUser(
  target: CommandTarget,
  store: TeammatesStore,
  session: KantataSession,
  account: AccountSession,
  title: string,
): Promise<User | undefined> {
  const chosen = await resolveTarget(target, store, session, title, { meFirst: true });
  account.throwIfEnded();
  if (!chosen) {
    return undefined;
  }
  if ('emailAddress' in chosen) {
    return chosen as User;
  }
  if (account.userId === chosen.id && account.user) {
    return account.user;
  }
  return account.client.getUser(chosen.id, TEAMMATE_SELECTION);
}

/** What the user was doing, or what was being sent, when a command's account was left. */
export type InterruptedStep =
  | { readonly kind: 'choosingPhotoOwner' | 'choosingUser' }
  | { readonly kind: 'changingPhoto' | 'editingUser' | 'sendingPhoto' | 'sendingChange'; readonly name: string };

/**
 * Said when a command's account was left (sign-out, another account, another base URL) while it was open:
 * nothing more is sent for it, to any server. A step that was sending may have reached Kantata.
 */
export function accountChangedMessage(step: InterruptedStep): string {
  switch (step.kind) {
    case 'choosingPhotoOwner':
      return vscode.l10n.t('The Kantata account changed while you were choosing whose photo to change, so nothing was sent. Try again in the account you want.');
    case 'choosingUser':
      return vscode.l10n.t('The Kantata account changed while you were choosing whom to edit, so nothing was sent. Try again in the account you want.');
    case 'changingPhoto':
      return vscode.l10n.t("The Kantata account changed while you were changing {0}'s photo, so nothing was sent. Try again in the account you want.", step.name);
    case 'editingUser':
      return vscode.l10n.t('The Kantata account changed while you were editing {0}, so nothing was sent. Try again in the account you want.', step.name);
    case 'sendingPhoto':
      return vscode.l10n.t("The Kantata account changed while {0}'s photo was being sent, so it was stopped. Check the profile to see whether the change was made, and try again in the account you want.", step.name);
    case 'sendingChange':
      return vscode.l10n.t('The Kantata account changed while the change to {0} was being sent, so it was stopped. Check the profile to see whether the change was made, and try again in the account you want.', step.name);
  }
}
