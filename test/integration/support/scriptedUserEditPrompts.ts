import type * as vscode from 'vscode';
import type { UserEditPrompts } from '../../../src/editing/userEditPrompts';
import type { EditableField } from '../../../src/editing/userFieldRules';
import type { User } from '../../../src/kantata/types';

export interface AskedValue {
  readonly field: EditableField;
  readonly value: string;
  readonly error?: string;
}

/**
 * Plays the user of the editing commands: picks the given fields, types the given values one after another
 * (a field asked again gets its next value), answers confirmations and error notifications as told, and
 * records everything it was shown.
 */
export class ScriptedUserEditPrompts implements UserEditPrompts {
  readonly asked: AskedValue[] = [];
  readonly errors: string[] = [];
  readonly infos: string[] = [];
  readonly emailConfirmations: string[] = [];
  private readonly remaining: Partial<Record<EditableField, string[]>>;

  constructor(
    private readonly script: {
      fields?: readonly EditableField[];
      values?: Partial<Record<EditableField, readonly string[]>>;
      confirmEmail?: boolean;
      photo?: vscode.Uri;
      confirmReset?: boolean;
      /** Answers to error notifications, in order; undefined dismisses. */
      errorAnswers?: readonly (string | undefined)[];
    },
  ) {
    this.remaining = Object.fromEntries(Object.entries(script.values ?? {}).map(([field, values]) => [field, [...values]]));
  }

  async chooseFields(): Promise<readonly EditableField[] | undefined> {
    return this.script.fields;
  }

  async askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined> {
    this.asked.push({ field, value: options.value, error: options.error });
    return this.remaining[field]?.shift();
  }

  async confirmEmailChange(_user: User, newEmail: string): Promise<boolean> {
    this.emailConfirmations.push(newEmail);
    return this.script.confirmEmail ?? true;
  }

  async choosePhotoFile(): Promise<vscode.Uri | undefined> {
    return this.script.photo;
  }

  async confirmPhotoReset(): Promise<boolean> {
    return this.script.confirmReset ?? true;
  }

  private errorIndex = 0;

  async showError(message: string): Promise<string | undefined> {
    this.errors.push(message);
    return this.script.errorAnswers?.[this.errorIndex++];
  }

  showInfo(message: string): void {
    this.infos.push(message);
  }
}
