import * as vscode from 'vscode';
import { AccountSession } from '../accounts/accountSession';
import { KantataSession } from '../accounts/session';
import { isKantataError, KantataError } from '../kantata/errors';
import { UserChanges } from '../kantata/operations';
import { User } from '../kantata/types';
import { abortSignalOf } from '../shared/disposable';
import { notificationText } from '../shared/displayText';
import { TEAMMATE_SELECTION, TeammatesStore } from '../teammates/teammatesStore';
import { ProfilePanelManager } from '../profile/profilePanelManager';
import { accountChangedMessage, CommandTarget, resolveUser } from '../teammates/commandTarget';
import { offerSignIn } from '../accounts/accountCommands';
import { broadcastUpdatedUser } from './userCommands';
import { UserEditPrompts } from './userEditPrompts';
import { changedFields, EditableField, fieldMessages } from './userFieldRules';
import { Commands } from '../shared/ids';

export interface UserCommandParts {
  readonly session: KantataSession;
  readonly store: TeammatesStore;
  readonly panels: ProfilePanelManager;
  readonly log: vscode.LogOutputChannel;
  /** Read at each run, so the extension-host tests can answer for the user. */
  readonly prompts: () => UserEditPrompts;
}

/** What the command ended with; the tests read it. */
export type UpdateOutcome = 'updated' | 'unchanged' | 'cancelled' | 'failed';

/** Values typed so far, by field. */
type Values = Partial<Record<EditableField, string>>;

/** Asks for each chosen field in turn; `errors` are a server's messages to show under the typed values. */
async function askValues(
  prompts: UserEditPrompts,
  user: User,
  fields: readonly EditableField[],
  values: Values,
  errors: Values = {},
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

function toChanges(changes: Values): UserChanges {
  return { fullName: changes.fullName, headline: changes.headline, emailAddress: changes.emailAddress };
}

/** One run of Update User: in which account, whom, which fields, and what has been typed so far. */
interface UserEdit {
  readonly parts: UserCommandParts;
  readonly prompts: UserEditPrompts;
  readonly account: AccountSession;
  readonly user: User;
  readonly fields: readonly EditableField[];
  readonly values: Values;
}

/** After a failed save: send again (the values may have been edited meanwhile), or end with this outcome. */
type AfterFailure = UpdateOutcome | 'again';

/**
 * Kantata: Update User…: choose fields, type values (checked as typed), confirm an email change, then one PUT
 * with only what changed. A failure never loses what was typed: a 422 reopens the boxes with the server's
 * messages, a network failure or time-out offers to send the same values again.
 */
export async function updateUser(target: CommandTarget, parts: UserCommandParts): Promise<UpdateOutcome> {
  // The account this edit is made in, from the first prompt to the write: a switch meanwhile stops it.
  const account = parts.session.current;
  if (!account) {
    offerSignIn();
    return 'cancelled';
  }
  const prompts = parts.prompts();
  const user = await pickUser(target, parts, account, prompts);
  if (user === 'cancelled' || user === 'failed') {
    return user;
  }
  const fields = await prompts.chooseFields(user);
  if (!fields || fields.length === 0) {
    return 'cancelled';
  }
  const values: Values = {};
  if (!(await askValues(prompts, user, fields, values))) {
    return 'cancelled';
  }
  return save({ parts, prompts, account, user, fields, values });
}

/** Whom to edit: the command's target, or the one picked; a failure to find out is shown here. */
async function pickUser(target: CommandTarget, parts: UserCommandParts, account: AccountSession, prompts: UserEditPrompts): Promise<User | 'cancelled' | 'failed'> {
  let user: User | undefined;
  try {
    user = await resolveUser(target, parts.store, parts.session, account, vscode.l10n.t('Kantata: Update User'));
  } catch (error) {
    account.reportFailure(error);
    await prompts.showError(account.ended ? accountChangedMessage({ kind: 'choosingUser' }) : isKantataError(error) ? error.userMessage : String(error));
    return 'failed';
  }
  return user ?? 'cancelled';
}

/** Sends what changed, and again after each failure the user chooses to get past, until it is done or given up. */
async function save(edit: UserEdit): Promise<UpdateOutcome> {
  const { prompts, account, user } = edit;
  for (;;) {
    const changes = changedFields(user, edit.values);
    if (Object.keys(changes).length === 0) {
      prompts.showInfo(vscode.l10n.t('Nothing changed: {0} was not updated.', user.fullName));
      return 'unchanged';
    }
    if (changes.emailAddress !== undefined && !(await prompts.confirmEmailChange(user, changes.emailAddress))) {
      return 'cancelled';
    }
    if (account.ended) {
      await prompts.showError(accountChangedMessage({ kind: 'editingUser', name: user.fullName }));
      return 'failed';
    }
    try {
      return await send(edit, changes);
    } catch (error) {
      const next = await afterFailure(edit, error);
      if (next !== 'again') {
        return next;
      }
    }
  }
}

/** The PUT, then everything that shows the user is told of the new values. */
async function send({ parts, prompts, account, user }: UserEdit, changes: Values): Promise<'updated'> {
  // Cancellable: a request that never answers can be stopped before the time-out (then Try Again is offered).
  const updated = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Updating {0}…', user.fullName)), cancellable: true },
    (_progress, token) =>
      account.client.updateUser(user.id, toChanges(changes), TEAMMATE_SELECTION, { signal: abortSignalOf(token) }),
  );
  broadcastUpdatedUser(updated, account, parts);
  parts.log.info(`Updated user ${updated.id} (${Object.keys(changes).join(', ')}).`);
  prompts.showInfo(vscode.l10n.t('Updated {0}', updated.fullName));
  return 'updated';
}

/** Says why the PUT failed and what can be done; what was typed is kept for another try. */
async function afterFailure(edit: UserEdit, error: unknown): Promise<AfterFailure> {
  const { parts, prompts, account, user } = edit;
  if (account.ended) {
    await prompts.showError(accountChangedMessage({ kind: 'sendingChange', name: user.fullName }));
    return 'failed';
  }
  if (account.reportFailure(error) || !isKantataError(error)) {
    if (!isKantataError(error)) {
      await prompts.showError(vscode.l10n.t("Couldn't update {0}: {1}", user.fullName, String(error)));
    }
    return 'failed';
  }
  parts.log.warn(`Updating user ${user.id} failed (${error.kind}): ${error.userMessage}`);
  if (error.kind === 'validation') {
    return afterRejection(edit, error);
  }
  // Neither is helped by trying again: each says what can be done instead (found by the faults suite).
  if (error.kind === 'forbidden') {
    await prompts.showError(vscode.l10n.t("You don't have permission to edit {0}: ask a Kantata account administrator to make the change.", user.fullName));
    return 'failed';
  }
  if (error.kind === 'notFound') {
    return afterNotFound(edit);
  }
  return offerTryAgain(edit, error);
}

/** A 422: the fields Kantata named reopen with its messages; other messages are shown, with Edit Again. */
async function afterRejection({ prompts, user, fields, values }: UserEdit, error: KantataError): Promise<AfterFailure> {
  const { byField, other } = fieldMessages(error.fieldErrors);
  const rejected = (Object.keys(byField) as EditableField[]).filter((field) => values[field] !== undefined);
  if (rejected.length > 0) {
    return (await askValues(prompts, user, rejected, values, byField)) ? 'again' : 'cancelled';
  }
  const editAgain = vscode.l10n.t('Edit Again');
  const messages = other.length > 0 ? other : error.serverMessages;
  const message = vscode.l10n.t("Kantata didn't accept the changes to {0}: {1}", user.fullName, messages.join('; ') || error.userMessage);
  if ((await prompts.showError(message, editAgain)) === editAgain) {
    if (await askValues(prompts, user, fields, values)) {
      return 'again';
    }
  }
  return 'failed';
}

/** The user is gone from this account's view: offer to refresh the list. */
async function afterNotFound({ prompts, user }: UserEdit): Promise<'failed'> {
  const refresh = vscode.l10n.t('Refresh Teammates');
  const message = vscode.l10n.t('{0} was not found in Kantata: they may have been removed, disabled or hidden from you. Refresh the teammates list to see who is there now.', user.fullName);
  const choice = await prompts.showError(message, refresh);
  if (choice === refresh) {
    void vscode.commands.executeCommand(Commands.refreshTeammates);
  }
  return 'failed';
}

/** Any other failure (network, time-out, server): send the same values again, or edit them first. */
async function offerTryAgain({ prompts, user, fields, values }: UserEdit, error: KantataError): Promise<AfterFailure> {
  const tryAgain = vscode.l10n.t('Try Again');
  const editAgain = vscode.l10n.t('Edit Again');
  const choice = await prompts.showError(vscode.l10n.t("Couldn't update {0}: {1}", user.fullName, error.userMessage), tryAgain, editAgain);
  if (choice === tryAgain) {
    return 'again';
  }
  if (choice === editAgain && (await askValues(prompts, user, fields, values))) {
    return 'again';
  }
  return 'failed';
}
