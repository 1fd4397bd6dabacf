import * as vscode from 'vscode';
import type { User } from '../kantata/types';
import { showProblem } from '../util/errorNotification';
import { UserEditPrompts } from './userEditPrompts';
import { currentValue, EDITABLE_FIELDS, EditableField, FIELD_LABELS, validateField } from './userFieldRules';

interface FieldPick extends vscode.QuickPickItem {
  readonly field: EditableField;
}

/** The real prompts: QuickPick, InputBox, a modal confirmation, the open dialog and notifications. */
export class VsCodeUserEditPrompts implements UserEditPrompts {
  async chooseFields(user: User): Promise<readonly EditableField[] | undefined> {
    const picks: FieldPick[] = EDITABLE_FIELDS.map((field) => ({
      label: FIELD_LABELS[field],
      description: currentValue(user, field) || '(empty)',
      field,
    }));
    const chosen = await vscode.window.showQuickPick(picks, {
      title: `Kantata: Update ${user.fullName}`,
      placeHolder: 'Choose the fields to change',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    return chosen?.map((pick) => pick.field);
  }

  askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined> {
    const rejected = options.error !== undefined ? options.value : undefined;
    return Promise.resolve(
      vscode.window.showInputBox({
        title: `Kantata: Update ${options.user.fullName}: ${FIELD_LABELS[field]}`,
        prompt: `Was: ${currentValue(options.user, field) || '(empty)'}`,
        value: options.value,
        ignoreFocusOut: true,
        // The server's message stays under the value it rejected until that value is edited.
        validateInput: (value) =>
          rejected !== undefined && value === rejected
            ? { message: options.error ?? '', severity: vscode.InputBoxValidationSeverity.Error }
            : validateField(field, value),
      }),
    );
  }

  async confirmEmailChange(user: User, newEmail: string): Promise<boolean> {
    const change = 'Change Email';
    const answer = await vscode.window.showWarningMessage(
      `Change ${user.fullName}'s email address to ${newEmail}?`,
      { modal: true, detail: 'Kantata will send a message to the new address and ask the person to verify it before it is used.' },
      change,
    );
    return answer === change;
  }

  async choosePhotoFile(user: User): Promise<vscode.Uri | undefined> {
    const files = await vscode.window.showOpenDialog({
      title: `Kantata: Update ${user.fullName}'s Profile Photo`,
      openLabel: 'Upload Photo',
      canSelectMany: false,
      filters: { Images: ['png', 'jpg', 'jpeg', 'gif'] },
    });
    return files?.[0];
  }

  async confirmPhotoReset(user: User): Promise<boolean> {
    const reset = 'Reset Photo';
    const answer = await vscode.window.showWarningMessage(
      `Reset ${user.fullName}'s profile photo?`,
      { modal: true, detail: 'Their photo is replaced by Kantata\'s default picture.' },
      reset,
    );
    return answer === reset;
  }

  async showError(message: string, ...actions: string[]): Promise<string | undefined> {
    return showProblem('error', message, ...actions);
  }

  showInfo(message: string): void {
    void vscode.window.showInformationMessage(message);
  }
}
