import { IMAGE_MIME_TYPES, sniffImageType } from '../kantata/imageType';
import type { PhotoFile } from '../kantata/types';

export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

export type PhotoFileCheck = { readonly ok: true; readonly file: PhotoFile } | { readonly ok: false; readonly message: string };

export function tooLargeMessage(fileName: string, bytes: number): string {
  return `${fileName} is ${(bytes / (1024 * 1024)).toFixed(1)} MB; a profile photo can be at most 10 MB.`;
}

/**
 * Whether a picked file can be uploaded as a profile photo: at most 10 MB, and a PNG, JPEG or GIF by its first
 * bytes whatever its name says (the upload is named and typed after what it really is).
 */
export function checkPhotoFile(fileName: string, data: Uint8Array): PhotoFileCheck {
  if (data.byteLength === 0) {
    return { ok: false, message: `${fileName} is empty.` };
  }
  if (data.byteLength > MAX_PHOTO_BYTES) {
    return { ok: false, message: tooLargeMessage(fileName, data.byteLength) };
  }
  const type = sniffImageType(data);
  if (type !== 'png' && type !== 'jpg' && type !== 'gif') {
    return { ok: false, message: `${fileName} is not a PNG, JPEG or GIF image.` };
  }
  const base = fileName.replace(/\.[^.]*$/, '') || 'photo';
  return { ok: true, file: { fileName: `${base}.${type}`, contentType: IMAGE_MIME_TYPES[type], data } };
}
