import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { isKantataError } from '../kantata/errors';
import { UserChanges } from '../kantata/operations';
import { User } from '../kantata/types';
import { abortSignalOf } from '../shared/cancellation';
import { notificationText } from '../shared/displayText';
import { TeammatesStore } from '../teammates/teammatesStore';
import { ProfilePanels } from '../profile/profilePanels';
import { accountChangedMessage, CommandTarget, resolveUser } from '../teammates/commandTarget';
import { offerSignIn } from '../accounts/accountCommands';
import { broadcastUpdatedUser } from './updatedUserBroadcast';
import { UserEditPrompts } from './userEditPrompts';
import { changedFields, EditableField, fieldMessages } from './userFieldRules';
import { Commands } from '../shared/ids';

export interface UserCommandParts {
  readonly session: KantataSession;
  readonly store: TeammatesStore;
  readonly panels: ProfilePanels;
  readonly log: vscode.LogOutputChannel;
  /** Read at each run, so the extension-host tests can answer for the user. */
  readonly prompts: () => UserEditPrompts;
}

/** What the command ended with; the tests read it. */
export type UpdateOutcome = 'updated' | 'unchanged' | 'cancelled' | 'failed';

/** Asks for each chosen field in turn; `errors` are a server's messages to show under the typed values. */
async function askValues(
  prompts: UserEditPrompts,
  user: User,
  fields: readonly EditableField[],
  values: Partial<Record<EditableField, string>>,
  errors: Partial<Record<EditableField, string>> = {},
): Promise<boolean> {
  for (const field of fields) {
    const value = await prompts.askValue(field, { user, value: values[field] ?? user[field], error: errors[field] });
    if (value === undefined) {
      return false;
    }
    values[field] = value;
  }
  return true;
}

function toChanges(changes: Partial<Record<EditableField, string>>): UserChanges {
  return { fullName: changes.fullName, headline: changes.headline, emailAddress: changes.emailAddress };
}

/**
 * Kantata: Update User…: choose fields, type values (checked as typed), confirm an email change, then one PUT
 * with only what changed. A failure never loses what was typed: a 422 reopens the boxes with the server's
 * messages, a network failure or time-out offers to send the same values again.
 */
export async function updateUser(target: CommandTarget, parts: UserCommandParts): Promise<UpdateOutcome> {
  const { session } = parts;
  // The account this edit is made in, from the first prompt to the write: a switch meanwhile stops it.
  const account = session.current;
  if (!account) {
    offerSignIn();
    return 'cancelled';
  }
  const prompts = parts.prompts();
  let user: User | undefined;
  try {
    user = await resolveUser(target, parts.store, session, account, 'Kantata: Update User');
  } catch (error) {
    account.reportFailure(error);
    await prompts.showError(account.ended ? accountChangedMessage('choosing whom to edit', false) : isKantataError(error) ? error.userMessage : String(error));
    return 'failed';
  }
  if (!user) {
    return 'cancelled';
  }
  const fields = await prompts.chooseFields(user);
  if (!fields || fields.length === 0) {
    return 'cancelled';
  }
  const values: Partial<Record<EditableField, string>> = {};
  if (!(await askValues(prompts, user, fields, values))) {
    return 'cancelled';
  }
  for (;;) {
    const changes = changedFields(user, values);
    if (Object.keys(changes).length === 0) {
      prompts.showInfo(`Nothing changed: ${user.fullName} was not updated.`);
      return 'unchanged';
    }
    if (changes.emailAddress !== undefined && !(await prompts.confirmEmailChange(user, changes.emailAddress))) {
      return 'cancelled';
    }
    const target = user;
    if (account.ended) {
      await prompts.showError(accountChangedMessage(`editing ${user.fullName}`, false));
      return 'failed';
    }
    try {
      // Cancellable: a request that never answers can be stopped before the time-out (then Try Again is offered).
      const updated = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: notificationText(`Updating ${target.fullName}…`), cancellable: true },
        (_progress, token) =>
          account.client.updateUser(target.id, toChanges(changes), { include: ['role'], optionalFields: ['classification', 'country'] }, { signal: abortSignalOf(token) }),
      );
      broadcastUpdatedUser(updated, account, parts);
      parts.log.info(`Updated user ${updated.id} (${Object.keys(changes).join(', ')}).`);
      prompts.showInfo(`Updated ${updated.fullName}`);
      return 'updated';
    } catch (error) {
      if (account.ended) {
        await prompts.showError(accountChangedMessage(`the change to ${user.fullName}`, true));
        return 'failed';
      }
      if (account.reportFailure(error) || !isKantataError(error)) {
        if (!isKantataError(error)) {
          await prompts.showError(`Couldn't update ${user.fullName}: ${String(error)}`);
        }
        return 'failed';
      }
      parts.log.warn(`Updating user ${user.id} failed (${error.kind}): ${error.userMessage}`);
      if (error.kind === 'validation') {
        const { byField, other } = fieldMessages(error.fieldErrors);
        const rejected = (Object.keys(byField) as EditableField[]).filter((field) => values[field] !== undefined);
        if (rejected.length > 0) {
          if (!(await askValues(prompts, user, rejected, values, byField))) {
            return 'cancelled';
          }
          continue;
        }
        const editAgain = 'Edit Again';
        const messages = other.length > 0 ? other : error.serverMessages;
        if ((await prompts.showError(`Kantata didn't accept the changes to ${user.fullName}: ${messages.join('; ') || error.userMessage}`, editAgain)) === editAgain) {
          if (await askValues(prompts, user, fields, values)) {
            continue;
          }
        }
        return 'failed';
      }
      // Neither is helped by trying again: each says what can be done instead (found by the faults suite).
      if (error.kind === 'forbidden') {
        await prompts.showError(`You don't have permission to edit ${user.fullName}: ask a Kantata account administrator to make the change.`);
        return 'failed';
      }
      if (error.kind === 'notFound') {
        const refresh = 'Refresh Teammates';
        const choice = await prompts.showError(`${user.fullName} was not found in Kantata: they may have been removed, disabled or hidden from you. Refresh the teammates list to see who is there now.`, refresh);
        if (choice === refresh) {
          void vscode.commands.executeCommand(Commands.refreshTeammates);
        }
        return 'failed';
      }
      const tryAgain = 'Try Again';
      const editAgain = 'Edit Again';
      const choice = await prompts.showError(`Couldn't update ${user.fullName}: ${error.userMessage}`, tryAgain, editAgain);
      if (choice === tryAgain) {
        continue;
      }
      if (choice === editAgain && (await askValues(prompts, user, fields, values))) {
        continue;
      }
      return 'failed';
    }
  }
}
