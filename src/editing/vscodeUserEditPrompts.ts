import * as vscode from 'vscode';
import type { User } from '../kantata/types';
import { clipText, iconLabelText, inputMessageText, notificationText } from '../shared/displayText';
import { showProblem } from '../shared/errorNotification';
import { UserEditPrompts } from './userEditPrompts';
import { currentValue, EDITABLE_FIELDS, EditableField, fieldLabel, validateField } from './userFieldRules';

interface FieldPick extends vscode.QuickPickItem {
  readonly field: EditableField;
}

/** Shown for a field with no value. */
function emptyValue(): string {
  return vscode.l10n.t('(empty)');
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
      label: fieldLabel(field),
      description: iconLabelText(currentValue(user, field)) || emptyValue(),
      field,
    }));
    const chosen = await vscode.window.showQuickPick(picks, {
      title: vscode.l10n.t('Kantata: Update {0}', clipText(user.fullName, MAX_NAME_IN_TITLE)),
      placeHolder: vscode.l10n.t('Choose the fields to change'),
      canPickMany: true,
      ignoreFocusOut: true,
    });
    return chosen?.map((pick) => pick.field);
  }

  askValue(field: EditableField, options: { readonly user: User; readonly value: string; readonly error?: string }): Promise<string | undefined> {
    const rejected = options.error !== undefined ? options.value : undefined;
    return Promise.resolve(
      vscode.window.showInputBox({
        title: vscode.l10n.t('Kantata: Update {0}: {1}', clipText(options.user.fullName, MAX_NAME_IN_TITLE), fieldLabel(field)),
        prompt: inputMessageText(vscode.l10n.t('Was: {0}', currentValue(options.user, field) || emptyValue())),
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
    const change = vscode.l10n.t('Change Email');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t("Change {0}'s email address to {1}?", clipText(user.fullName, MAX_NAME_IN_TITLE), newEmail),
      { modal: true, detail: vscode.l10n.t('Kantata will send a message to the new address and ask the person to verify it before it is used.') },
      change,
    );
    return answer === change;
  }

  async choosePhotoFile(user: User): Promise<vscode.Uri | undefined> {
    const files = await vscode.window.showOpenDialog({
      title: vscode.l10n.t("Kantata: Update {0}'s Profile Photo", clipText(user.fullName, MAX_NAME_IN_TITLE)),
      openLabel: vscode.l10n.t('Upload Photo'),
      canSelectMany: false,
      filters: { [vscode.l10n.t('Images')]: ['png', 'jpg', 'jpeg', 'gif'] },
    });
    return files?.[0];
  }

  async confirmPhotoReset(user: User): Promise<boolean> {
    const reset = vscode.l10n.t('Reset Photo');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t("Reset {0}'s profile photo?", clipText(user.fullName, MAX_NAME_IN_TITLE)),
      { modal: true, detail: vscode.l10n.t("Their photo is replaced by Kantata's default picture.") },
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
