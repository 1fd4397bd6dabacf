import { User } from '../kantata/types';

/**
 * Signed in means a token is stored for the configured base URL. `user` is who Kantata says the token
 * belongs to: unknown until `GET /users/me` answers (at start-up it runs in the background).
 */
export type SessionState =
  | { readonly kind: 'signedOut' }
  | { readonly kind: 'signedIn'; readonly user: User | undefined };
