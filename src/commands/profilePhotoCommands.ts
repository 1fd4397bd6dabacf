import * as vscode from 'vscode';
import { isKantataError } from '../kantata/errors';
import { User } from '../kantata/types';
import { abortSignalOf } from '../util/cancellation';
import { notificationText } from '../util/displayText';
import { PhotoCache } from '../views/photoCache';
import { askToSignIn, CommandTarget, resolveUser } from './commandTarget';
import { checkPhotoFile, MAX_PHOTO_BYTES, tooLargeMessage } from './photoFileCheck';
import { broadcastUpdatedUser } from './updatedUserBroadcast';
import { UserCommandParts } from './updateUserCommand';

export interface PhotoCommandParts extends UserCommandParts {
  readonly photos: PhotoCache;
}

export type PhotoOutcome = 'updated' | 'cancelled' | 'rejected' | 'failed';

async function targetUser(target: CommandTarget, parts: PhotoCommandParts, title: string): Promise<User | undefined | 'failed'> {
  if (!parts.session.isSignedIn) {
    askToSignIn();
    return undefined;
  }
  try {
    return await resolveUser(target, parts.store, parts.session, title);
  } catch (error) {
    parts.session.handleRequestError(error);
    await parts.prompts().showError(isKantataError(error) ? error.userMessage : String(error));
    return 'failed';
  }
}

/** After a new photo or a reset: the old cached file goes, and everyone shows the new one. */
function showNewPhoto(updated: User, previous: User, parts: PhotoCommandParts): void {
  parts.photos.replace(updated.photoPath, previous.photoPath);
  broadcastUpdatedUser(updated, parts);
}

async function reportFailure(error: unknown, action: string, user: User, parts: PhotoCommandParts): Promise<boolean> {
  if (parts.session.handleRequestError(error)) {
    return false;
  }
  // Each failure says what can be done about it (found by the faults suite): a refused image is replaced, not resent.
  const refusedImage = isKantataError(error) && error.kind === 'validation' && action === 'upload';
  const message = isKantataError(error)
    ? error.kind === 'forbidden'
      ? `You don't have permission to change ${user.fullName}'s photo: ask a Kantata account administrator to change it.`
      : refusedImage
        ? `Couldn't upload ${user.fullName}'s photo: ${error.userMessage} Choose another PNG, JPEG or GIF image.`
        : `Couldn't ${action} ${user.fullName}'s photo: ${error.userMessage}`
    : `Couldn't ${action} ${user.fullName}'s photo: ${String(error)}`;
  parts.log.warn(message);
  const tryAgain = 'Try Again';
  // A request cancelled from the progress notification can be sent again as it was, and so can a refused reset.
  const canRetry = isKantataError(error) && (error.remedies.includes('retry') || error.kind === 'cancelled' || (error.kind === 'validation' && !refusedImage));
  return (await parts.prompts().showError(message, ...(canRetry ? [tryAgain] : []))) === tryAgain;
}

/** Kantata: Update Profile Photo…: pick a PNG/JPEG/GIF, check it, upload it as multipart with progress. */
export async function updateProfilePhoto(target: CommandTarget, parts: PhotoCommandParts): Promise<PhotoOutcome> {
  const user = await targetUser(target, parts, 'Kantata: Update Profile Photo');
  if (!user || user === 'failed') {
    return user === 'failed' ? 'failed' : 'cancelled';
  }
  const prompts = parts.prompts();
  const uri = await prompts.choosePhotoFile(user);
  if (!uri) {
    return 'cancelled';
  }
  const fileName = uri.path.split('/').pop() || 'photo';
  let data: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > MAX_PHOTO_BYTES) {
      // Checked before reading: a huge file is never loaded into memory.
      await prompts.showError(tooLargeMessage(fileName, stat.size));
      return 'rejected';
    }
    data = await vscode.workspace.fs.readFile(uri);
  } catch {
    await prompts.showError(`${fileName} can't be read: it may have been moved or deleted.`);
    return 'rejected';
  }
  const checked = checkPhotoFile(fileName, data);
  if (!checked.ok) {
    await prompts.showError(checked.message);
    return 'rejected';
  }
  for (;;) {
    try {
      // Cancellable: a request that never answers can be stopped before the time-out (then Try Again is offered).
      const updated = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notificationText(`Uploading ${user.fullName}'s photo…`), cancellable: true },
        (_progress, token) =>
          parts.session.client.uploadProfilePhoto(user.id, checked.file, { include: ['role'], optionalFields: ['classification', 'country'] }, { signal: abortSignalOf(token) }),
      );
      showNewPhoto(updated, user, parts);
      prompts.showInfo(`Updated ${updated.fullName}'s profile photo`);
      return 'updated';
    } catch (error) {
      if (!(await reportFailure(error, 'upload', user, parts))) {
        return 'failed';
      }
    }
  }
}

/** Kantata: Reset Profile Photo: after a modal confirmation, back to Kantata's default picture. */
export async function resetProfilePhoto(target: CommandTarget, parts: PhotoCommandParts): Promise<PhotoOutcome> {
  const user = await targetUser(target, parts, 'Kantata: Reset Profile Photo');
  if (!user || user === 'failed') {
    return user === 'failed' ? 'failed' : 'cancelled';
  }
  const prompts = parts.prompts();
  if (!(await prompts.confirmPhotoReset(user))) {
    return 'cancelled';
  }
  for (;;) {
    try {
      const updated = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notificationText(`Resetting ${user.fullName}'s photo…`), cancellable: true },
        async (_progress, token) => {
          const signal = abortSignalOf(token);
          await parts.session.client.resetProfilePhoto(user.id, { signal });
          // The reset answers 204: ask for the user again to learn the default photo's address.
          return parts.session.client.getUser(user.id, { include: ['role'], optionalFields: ['classification', 'country'] }, { signal });
        },
      );
      showNewPhoto(updated, user, parts);
      prompts.showInfo(`Reset ${updated.fullName}'s profile photo`);
      return 'updated';
    } catch (error) {
      if (!(await reportFailure(error, 'reset', user, parts))) {
        return 'failed';
      }
    }
  }
}
