import { AccountSession } from '../accounts/accountSession';
import { KantataSession } from '../accounts/session';
import { User } from '../kantata/types';
import { TeammatesStore } from '../teammates/teammatesStore';
import { ProfilePanels } from '../profile/profilePanels';

/**
 * After an edit made in `account`: the tree, an open profile panel and the status bar show the new values,
 * without a reload; unless the window has left that account meanwhile (they show another account's people).
 */
export function broadcastUpdatedUser(user: User, account: AccountSession, parts: { store: TeammatesStore; panels: ProfilePanels; session: KantataSession }): void {
  if (account.ended) {
    return;
  }
  parts.store.replaceUser(user);
  parts.panels.showUser(user);
  parts.session.updateSignedInUser(user);
}
