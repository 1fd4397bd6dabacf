import type * as vscode from 'vscode';
import type { User } from '../kantata/types';
import type { EditableField } from './userFieldRules';

/**
 * Everything the user-editing commands ask or tell the user. The real one uses VS Code's pickers, input
 * boxes, dialogs and notifications; the extension-host tests substitute a scripted one.
 */
export interface UserEditPrompts {
  /** Which fields to edit, showing their current values; undefined when cancelled. */
  chooseFields(user: User): Promise<readonly EditableField[] | undefined>;
  /** One field's new value, prefilled with `value`; `error` is shown at once (a server's message). */
  askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined>;
  /** Kantata asks the person to verify a new address: make sure that is meant. */
  confirmEmailChange(user: User, newEmail: string): Promise<boolean>;
  choosePhotoFile(user: User): Promise<vscode.Uri | undefined>;
  confirmPhotoReset(user: User): Promise<boolean>;
  /** An error notification with actions; resolves with the action chosen. */
  showError(message: string, ...actions: string[]): Promise<string | undefined>;
  showInfo(message: string): void;
}
