import { KantataSession } from '../auth/session';
import { User } from '../kantata/types';
import { TeammatesStore } from '../views/teammatesStore';
import { ProfilePanels } from '../webview/profilePanels';

/** After an edit: the tree, an open profile panel and the status bar show the new values, without a reload. */
export function broadcastUpdatedUser(user: User, parts: { store: TeammatesStore; panels: ProfilePanels; session: KantataSession }): void {
  parts.store.replaceUser(user);
  parts.panels.showUser(user);
  parts.session.updateSignedInUser(user);
}
