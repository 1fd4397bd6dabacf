import * as vscode from 'vscode';
import type { User } from '../kantata/types';
import { clipText, iconLabelText, inputMessageText, notificationText } from '../shared/displayText';
import { showProblem } from '../shared/errorNotification';
import { UserEditPrompts } from './userEditPrompts';
import { currentValue, EDITABLE_FIELDS, EditableField, FIELD_LABELS, validateField } from './userFieldRules';

interface FieldPick extends vscode.QuickPickItem {
  readonly field: EditableField;
}

/** Titles show a name, not a paragraph. */
const MAX_NAME_IN_TITLE = 80;

/**
 * The real prompts: QuickPick, InputBox, a modal confirmation, the open dialog and notifications. Names and
 * values are data: QuickPick descriptions draw `$(icon)`, and input-box prompts and messages and notifications
 * make `[label](command:…)` links, so they go through shared/displayText (titles and dialogs are plain text).
 */
export class VsCodeUserEditPrompts implements UserEditPrompts {
  async chooseFields(user: User): Promise<readonly EditableField[] | undefined> {
    const picks: FieldPick[] = EDITABLE_FIELDS.map((field) => ({
      label: FIELD_LABELS[field],
      description: iconLabelText(currentValue(user, field)) || '(empty)',
      field,
    }));
    const chosen = await vscode.window.showQuickPick(picks, {
      title: `Kantata: Update ${clipText(user.fullName, MAX_NAME_IN_TITLE)}`,
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
        title: `Kantata: Update ${clipText(options.user.fullName, MAX_NAME_IN_TITLE)}: ${FIELD_LABELS[field]}`,
        prompt: inputMessageText(`Was: ${currentValue(options.user, field) || '(empty)'}`),
        value: options.value,
        ignoreFocusOut: true,
        // The server's message stays under the value it rejected until that value is edited.
        validateInput: (value) => {
          if (rejected !== undefined && value === rejected) {
            return { message: inputMessageText(options.error ?? ''), severity: vscode.InputBoxValidationSeverity.Error };
          }
          const problem = validateField(field, value);
          return problem === undefined ? undefined : inputMessageText(problem);
        },
      }),
    );
  }

  async confirmEmailChange(user: User, newEmail: string): Promise<boolean> {
    const change = 'Change Email';
    const answer = await vscode.window.showWarningMessage(
      `Change ${clipText(user.fullName, MAX_NAME_IN_TITLE)}'s email address to ${newEmail}?`,
      { modal: true, detail: 'Kantata will send a message to the new address and ask the person to verify it before it is used.' },
      change,
    );
    return answer === change;
  }

  async choosePhotoFile(user: User): Promise<vscode.Uri | undefined> {
    const files = await vscode.window.showOpenDialog({
      title: `Kantata: Update ${clipText(user.fullName, MAX_NAME_IN_TITLE)}'s Profile Photo`,
      openLabel: 'Upload Photo',
      canSelectMany: false,
      filters: { Images: ['png', 'jpg', 'jpeg', 'gif'] },
    });
    return files?.[0];
  }

  async confirmPhotoReset(user: User): Promise<boolean> {
    const reset = 'Reset Photo';
    const answer = await vscode.window.showWarningMessage(
      `Reset ${clipText(user.fullName, MAX_NAME_IN_TITLE)}'s profile photo?`,
      { modal: true, detail: 'Their photo is replaced by Kantata\'s default picture.' },
      reset,
    );
    return answer === reset;
  }

  async showError(message: string, ...actions: string[]): Promise<string | undefined> {
    return showProblem('error', message, ...actions); // showProblem keeps links out of the message
  }

  showInfo(message: string): void {
    void vscode.window.showInformationMessage(notificationText(message));
  }
}
