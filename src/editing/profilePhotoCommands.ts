import * as vscode from 'vscode';
import { isKantataError } from '../kantata/errors';
import { User } from '../kantata/types';
import { abortSignalOf } from '../shared/disposable';
import { notificationText } from '../shared/displayText';
import { PhotoCache } from '../photos/photoCache';
import { AccountSession } from '../accounts/accountSession';
import { accountChangedMessage, CommandTarget, resolveUser } from '../teammates/commandTarget';
import { offerSignIn } from '../accounts/accountCommands';
import { checkPhotoFile, MAX_PHOTO_BYTES, tooLargeMessage } from './userFieldRules';
import { broadcastUpdatedUser } from './userCommands';
import { UserCommandParts } from './updateUserCommand';
import { TEAMMATE_SELECTION } from '../teammates/teammatesStore';

export interface PhotoCommandParts extends UserCommandParts {
  readonly photos: PhotoCache;
}

export type PhotoOutcome = 'updated' | 'cancelled' | 'rejected' | 'failed';

/** The person a photo command is about, in the account it started in; or why it can't go on. */
type PhotoTarget = { readonly user: User; readonly account: AccountSession } | 'cancelled' | 'failed';

async function photoTarget(target: CommandTarget, parts: PhotoCommandParts, title: string): Promise<PhotoTarget> {
  const account = parts.session.current;
  if (!account) {
    offerSignIn();
    return 'cancelled';
  }
  try {
    const user = await resolveUser(target, parts.store, parts.session, account, title);
    return user ? { user, account } : 'cancelled';
  } catch (error) {
    account.reportFailure(error);
    await parts.prompts().showError(account.ended ? accountChangedMessage({ kind: 'choosingPhotoOwner' }) : isKantataError(error) ? error.userMessage : String(error));
    return 'failed';
  }
}

/** Before a write: false (and the user told) when the account was left while the command was open. */
async function stillInAccount(account: AccountSession, user: User, parts: PhotoCommandParts): Promise<boolean> {
  if (!account.ended) {
    return true;
  }
  await parts.prompts().showError(accountChangedMessage({ kind: 'changingPhoto', name: user.fullName }));
  return false;
}

/** After a new photo or a reset: the old cached file goes, and everyone shows the new one. */
function showNewPhoto(updated: User, previous: User, account: AccountSession, parts: PhotoCommandParts): void {
  if (!account.ended) {
    parts.photos.replace(updated.photoPath, previous.photoPath);
  }
  broadcastUpdatedUser(updated, account, parts);
}

/** Why a photo could not be changed, and what can be done about it (found by the faults suite). */
function photoFailureMessage(error: unknown, action: 'upload' | 'reset', name: string, refusedImage: boolean): string {
  const detail = isKantataError(error) ? error.userMessage : String(error);
  if (isKantataError(error) && error.kind === 'forbidden') {
    return vscode.l10n.t("You don't have permission to change {0}'s photo: ask a Kantata account administrator to change it.", name);
  }
  if (refusedImage) {
    // A refused image is replaced, not resent.
    return vscode.l10n.t("Couldn't upload {0}'s photo: {1} Choose another PNG, JPEG or GIF image.", name, detail);
  }
  return action === 'upload' ? vscode.l10n.t("Couldn't upload {0}'s photo: {1}", name, detail) : vscode.l10n.t("Couldn't reset {0}'s photo: {1}", name, detail);
}

async function reportFailure(error: unknown, action: 'upload' | 'reset', user: User, account: AccountSession, parts: PhotoCommandParts): Promise<boolean> {
  if (account.ended) {
    await parts.prompts().showError(accountChangedMessage({ kind: 'sendingPhoto', name: user.fullName }));
    return false;
  }
  if (account.reportFailure(error)) {
    return false;
  }
  const refusedImage = isKantataError(error) && error.kind === 'validation' && action === 'upload';
  // The log stays English (support reads it).
  const detail = isKantataError(error) ? ` (${error.kind}): ${error.userMessage}` : `: ${String(error)}`;
  parts.log.warn(`Couldn't ${action} the photo of user ${user.id}${detail}`);
  const message = photoFailureMessage(error, action, user.fullName, refusedImage);
  const tryAgain = vscode.l10n.t('Try Again');
  // A request cancelled from the progress notification can be sent again as it was, and so can a refused reset.
  const canRetry = isKantataError(error) && (error.remedies.includes('retry') || error.kind === 'cancelled' || (error.kind === 'validation' && !refusedImage));
  return (await parts.prompts().showError(message, ...(canRetry ? [tryAgain] : []))) === tryAgain;
}

/** Kantata: Update Profile Photo…: pick a PNG/JPEG/GIF, check it, upload it as multipart with progress. */
export async function updateProfilePhoto(target: CommandTarget, parts: PhotoCommandParts): Promise<PhotoOutcome> {
  const chosen = await photoTarget(target, parts, vscode.l10n.t('Kantata: Update Profile Photo'));
  if (typeof chosen === 'string') {
    return chosen;
  }
  const { user, account } = chosen;
  const prompts = parts.prompts();
  const uri = await prompts.choosePhotoFile(user);
  if (!uri) {
    return 'cancelled';
  }
  const fileName = uri.path.split('/').pop() || 'photo';
  let data: Uint8Array;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if ((stat.type & vscode.FileType.File) === 0) {
      // A folder, a pipe or a device: reading a FIFO would block until something writes to it, /dev/zero never ends.
      await prompts.showError(vscode.l10n.t('{0} is not a file: choose a PNG, JPEG or GIF image.', fileName));
      return 'rejected';
    }
    if (stat.size > MAX_PHOTO_BYTES) {
      // Checked before reading: a huge file is never loaded into memory.
      await prompts.showError(tooLargeMessage(fileName, stat.size));
      return 'rejected';
    }
    data = await vscode.workspace.fs.readFile(uri);
  } catch {
    await prompts.showError(vscode.l10n.t("{0} can't be read: it may have been moved or deleted.", fileName));
    return 'rejected';
  }
  const checked = checkPhotoFile(fileName, data);
  if (!checked.ok) {
    await prompts.showError(checked.message);
    return 'rejected';
  }
  for (;;) {
    if (!(await stillInAccount(account, user, parts))) {
      return 'failed';
    }
    try {
      // Cancellable: a request that never answers can be stopped before the time-out (then Try Again is offered).
      const updated = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t("Uploading {0}'s photo…", user.fullName)), cancellable: true },
        (_progress, token) =>
          account.client.uploadProfilePhoto(user.id, checked.file, TEAMMATE_SELECTION, { signal: abortSignalOf(token) }),
      );
      showNewPhoto(updated, user, account, parts);
      prompts.showInfo(vscode.l10n.t("Updated {0}'s profile photo", updated.fullName));
      return 'updated';
    } catch (error) {
      if (!(await reportFailure(error, 'upload', user, account, parts))) {
        return 'failed';
      }
    }
  }
}

/** Kantata: Reset Profile Photo: after a modal confirmation, back to Kantata's default picture. */
export async function resetProfilePhoto(target: CommandTarget, parts: PhotoCommandParts): Promise<PhotoOutcome> {
  const chosen = await photoTarget(target, parts, vscode.l10n.t('Kantata: Reset Profile Photo'));
  if (typeof chosen === 'string') {
    return chosen;
  }
  const { user, account } = chosen;
  const prompts = parts.prompts();
  if (!(await prompts.confirmPhotoReset(user))) {
    return 'cancelled';
  }
  for (;;) {
    if (!(await stillInAccount(account, user, parts))) {
      return 'failed';
    }
    try {
      const updated = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t("Resetting {0}'s photo…", user.fullName)), cancellable: true },
        async (_progress, token) => {
          const signal = abortSignalOf(token);
          await account.client.resetProfilePhoto(user.id, { signal });
          // The reset answers 204: ask for the user again to learn the default photo's address.
          return account.client.getUser(user.id, TEAMMATE_SELECTION, { signal });
        },
      );
      showNewPhoto(updated, user, account, parts);
      prompts.showInfo(vscode.l10n.t({ message: "Reset {0}'s profile photo", args: [updated.fullName], comment: ['A notification: the photo has been reset'] }));
      return 'updated';
    } catch (error) {
      if (!(await reportFailure(error, 'reset', user, account, parts))) {
        return 'failed';
      }
    }
  }
}
