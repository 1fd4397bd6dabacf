import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_PHOTO_BYTES } from './body';
import type { ApiResponse, RequestContext } from './context';
import { badRequest, validationFailed } from './errors';
import type { MultipartFile } from './multipart';
import { DEFAULT_PHOTO_PATH } from './photoUrls';
import { coloredSquarePng, defaultAvatarPng, imageTypeOf } from './png';
import type { Store } from './store';
import { authorizeEdit } from './userUpdate';
import { findVisibleUser, singleUserResponse } from './users';

/** The multipart field of the upload, Rails naming (the description calls it `user.profile_photo_attachment_file`). */
export const PHOTO_FIELD = 'user[profile_photo_attachment_file]';
const FIELD = 'profile_photo_attachment_file';

/** POST /users/{id}/profile_photo (multipart): stores the image and returns the user with a new photo_path. */
export function uploadPhoto(context: RequestContext): ApiResponse {
  const target = findVisibleUser(context);
  authorizeEdit(context, target);
  const file = uploadedFile(context);
  const type = imageTypeOf(file.data);
  if (type === undefined) {
    throw validationFailed([{ field: FIELD, message: 'must be a PNG, JPEG or GIF image' }]);
  }
  const updated = { ...target, photo: { kind: 'uploaded' as const, version: context.nextPhotoVersion(), ext: type.ext, contentType: type.contentType, bytes: file.data } };
  context.store.replaceUser(updated);
  return singleUserResponse(context, updated);
}

function uploadedFile(context: RequestContext): MultipartFile {
  const { body } = context;
  switch (body.kind) {
    case 'tooLarge':
      throw validationFailed([{ field: FIELD, message: `must be smaller than ${MAX_PHOTO_BYTES / 1024 / 1024} MB` }]);
    case 'invalidMultipart':
      throw badRequest(`Malformed multipart/form-data body: ${body.error}.`);
    case 'multipart': {
      const file = body.form.files.find((candidate) => candidate.field === PHOTO_FIELD);
      // A browser sends an empty, nameless part when no file was chosen.
      if (!file || (file.filename === '' && file.data.length === 0)) {
        throw validationFailed([{ field: FIELD, message: `is required: send the image as the multipart file field "${PHOTO_FIELD}"` }]);
      }
      if (file.data.length > MAX_PHOTO_BYTES) {
        throw validationFailed([{ field: FIELD, message: `must be smaller than ${MAX_PHOTO_BYTES / 1024 / 1024} MB` }]);
      }
      if (file.data.length === 0) {
        throw validationFailed([{ field: FIELD, message: 'is empty' }]);
      }
      return file;
    }
    default:
      throw validationFailed([{ field: FIELD, message: `is required: send a multipart/form-data body with the file field "${PHOTO_FIELD}"` }]);
  }
}

/** DELETE /users/{id}/profile_photo: back to the default avatar; 204 with no body. */
export function resetPhoto(context: RequestContext): ApiResponse {
  const target = findVisibleUser(context);
  authorizeEdit(context, target);
  context.store.replaceUser({ ...target, photo: { kind: 'default' } });
  return { status: 204 };
}

interface Image {
  readonly bytes: Buffer;
  readonly contentType: string;
  /** Versioned URLs never change content; the shared default may (in theory), so it is cached briefly. */
  readonly immutable: boolean;
}

let defaultAvatar: Buffer | undefined;

/** The image at a /photos/ path, as it is now (an older upload's URL is gone, as on a CDN after a purge). */
function imageAt(store: Store, path: string): Image | undefined {
  if (path === DEFAULT_PHOTO_PATH) {
    defaultAvatar ??= defaultAvatarPng();
    return { bytes: defaultAvatar, contentType: 'image/png', immutable: false };
  }
  const match = /^\/photos\/(\d+)\/(\d+)\.(png|jpg|gif)$/.exec(path);
  const user = match ? store.user(match[1]!) : undefined;
  if (!match || !user) {
    return undefined;
  }
  const [version, ext] = [Number(match[2]), match[3]];
  if (user.photo.kind === 'generated' && version === 1 && ext === 'png') {
    return { bytes: coloredSquarePng(user.photo.color), contentType: 'image/png', immutable: true };
  }
  if (user.photo.kind === 'uploaded' && user.photo.version === version && user.photo.ext === ext) {
    return { bytes: user.photo.bytes, contentType: user.photo.contentType, immutable: true };
  }
  return undefined;
}

/** Serves /photos/… without authentication, like a CDN: Content-Type, ETag, Cache-Control, 304s. */
export function servePhoto(store: Store, request: IncomingMessage, response: ServerResponse, path: string): void {
  const image = request.method === 'GET' || request.method === 'HEAD' ? imageAt(store, path) : undefined;
  if (!image) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const etag = `"${createHash('sha1').update(image.bytes).digest('hex')}"`;
  const headers = {
    'content-type': image.contentType,
    etag,
    'cache-control': image.immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
  };
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, headers).end();
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': String(image.bytes.length) });
  response.end(request.method === 'HEAD' ? undefined : image.bytes);
}
