import type { UserRecord } from './model';

/** Every user without a photo of their own shares this one image, as Kantata's default avatar. */
export const DEFAULT_PHOTO_PATH = '/photos/default.png';

/**
 * The absolute URL of a user's photo. Each upload gets a new version in the URL, so caches never serve an
 * old photo under a new URL; seeded photos are version 1.
 */
export function photoUrl(origin: string, user: UserRecord): string {
  switch (user.photo.kind) {
    case 'default':
      return `${origin}${DEFAULT_PHOTO_PATH}`;
    case 'generated':
      return `${origin}/photos/${user.id}/1.png`;
    case 'uploaded':
      return `${origin}/photos/${user.id}/${user.photo.version}.${user.photo.ext}`;
  }
}
