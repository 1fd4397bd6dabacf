import { User } from '../kantata/types';
import { StoredAccount } from './accountStore';

/**
 * Signed in means this window uses a stored account of the configured base URL. `user` is who Kantata says
 * the token belongs to: unknown until `GET /users/me` answers (at start-up it runs in the background); the
 * account's stored name stands in meanwhile.
 */
export type SessionState =
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'signedIn'; readonly user: User | undefined; readonly account: StoredAccount };
