import * as l10n from '@vscode/l10n';
import type { User, PhotoFile } from '../kantata/types';
import { IMAGE_MIME_TYPES, sniffImageType } from '../kantata/imageType';
import { formatNumber } from '../locale/displayLanguage';
import { isEmailAddress } from '../profile/profileData';

/** The writable fields of a user, as the extension names them. */
export type EditableField = 'fullName' | 'headline' | 'emailAddress';

export const EDITABLE_FIELDS: readonly EditableField[] = ['fullName', 'headline', 'emailAddress'];

/** A field's name, as the pickers and messages show it. */
export function fieldLabel(field: EditableField): string {
  switch (field) {
    case 'fullName':
      return l10n.t('Full name');
    case 'headline':
      return l10n.t('Headline');
    case 'emailAddress':
      return l10n.t('Email address');
  }
}

/** The API's name of each field, as it appears in a 422's `field`. */
export const API_FIELD_NAMES: Readonly<Record<EditableField, string>> = {
  fullName: 'full_name',
  headline: 'headline',
  emailAddress: 'email_address',
};

const MAX_LENGTH: Readonly<Record<EditableField, number>> = { fullName: 255, headline: 255, emailAddress: 254 };

/** Checked as the user types: a message when the value can't be sent, else undefined. */
export function validateField(field: EditableField, value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length > MAX_LENGTH[field]) {
    return l10n.t('{0} can be at most {1} characters (this is {2}).', fieldLabel(field), formatNumber(MAX_LENGTH[field]), formatNumber(trimmed.length));
  }
  switch (field) {
    case 'fullName':
      return trimmed ? undefined : l10n.t("The name can't be blank.");
    case 'emailAddress':
      if (!trimmed) {
        return l10n.t("The email address can't be blank.");
      }
      return isEmailAddress(trimmed) ? undefined : l10n.t('"{0}" is not an email address.', trimmed);
    case 'headline':
      return undefined;
  }
}

export function currentValue(user: User, field: EditableField): string {
  return user[field];
}

/**
 * Only the fields whose value, trimmed as it would be sent, differs from the user's current one trimmed the
 * same way: a stored value with trailing spaces, accepted as it was, is not a change.
 */
export function changedFields(user: User, values: Partial<Record<EditableField, string>>): Partial<Record<EditableField, string>> {
  const changes: Partial<Record<EditableField, string>> = {};
  for (const field of EDITABLE_FIELDS) {
    const value = values[field];
    if (value !== undefined && value.trim() !== currentValue(user, field).trim()) {
      changes[field] = value.trim();
    }
  }
  return changes;
}

/** Maps a 422's per-field messages onto our fields; messages about other fields or the whole user stay apart. */
export function fieldMessages(errors: readonly { readonly field?: string; readonly message: string }[]): {
  byField: Partial<Record<EditableField, string>>;
  other: string[];
} {
  const byField: Partial<Record<EditableField, string>> = {};
  const other: string[] = [];
  for (const { field, message } of errors) {
    const ours = EDITABLE_FIELDS.find((candidate) => API_FIELD_NAMES[candidate] === field);
    if (ours) {
      byField[ours] = byField[ours] ? `${byField[ours]}; ${message}` : message;
    } else {
      other.push(field ? `${field} ${message}` : message);
    }
  }
  return { byField, other };
}

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoFileCheck = { readonly ok: true; readonly file: PhotoFile } | { readonly ok: false; readonly message: string };

export function tooLargeMessage(fileName: string, bytes: number): string {
  const megabytes = formatNumber(bytes / (1024 * 1024), { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return l10n.t('{0} is {1} MB; a profile photo can be at most {2} MB.', fileName, megabytes, formatNumber(MAX_PHOTO_BYTES / (1024 * 1024)));
}

/**
 * Whether a picked file can be uploaded as a profile photo: at most 10 MB, and a PNG, JPEG or GIF by its first
 * bytes whatever its name says (the upload is named and typed after what it really is).
 */
export function checkPhotoFile(fileName: string, data: Uint8Array): PhotoFileCheck {
  if (data.byteLength === 0) {
    return { ok: false, message: l10n.t('{0} is empty.', fileName) };
  }
  if (data.byteLength > MAX_PHOTO_BYTES) {
    return { ok: false, message: tooLargeMessage(fileName, data.byteLength) };
  }
  const type = sniffImageType(data);
  if (type !== 'png' && type !== 'jpg' && type !== 'gif') {
    return { ok: false, message: l10n.t('{0} is not a PNG, JPEG or GIF image.', fileName) };
  }
  const base = fileName.replace(/\.[^.]*$/, '') || 'photo';
  return { ok: true, file: { fileName: `${base}.${type}`, contentType: IMAGE_MIME_TYPES[type], data } };
}
