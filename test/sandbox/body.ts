import type { IncomingMessage } from 'node:http';
import { boundaryOf, MultipartError, parseMultipart } from './multipart';
import type { MultipartForm } from './multipart';

/** Profile photos are capped at 10 MB (like Kantata's attachments). */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
/** A photo upload may carry a little multipart framing on top of the file. */
export const MAX_UPLOAD_BODY_BYTES = MAX_PHOTO_BYTES + 64 * 1024;
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export interface RawBody {
  readonly bytes: Buffer;
  /** Over the limit: at most `limit` bytes were read and the rest was left unread. */
  readonly tooLarge: boolean;
}

export type ParsedBody =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'invalidJson'; readonly text: string; readonly error: string }
  | { readonly kind: 'form'; readonly text: string }
  | { readonly kind: 'multipart'; readonly form: MultipartForm }
  | { readonly kind: 'invalidMultipart'; readonly error: string }
  | { readonly kind: 'text'; readonly contentType: string; readonly text: string }
  | { readonly kind: 'tooLarge' };

/**
 * Reads the body up to `limit` bytes. A declared Content-Length over the limit is refused before reading
 * anything; a longer chunked body stops being read at the limit. Node discards whatever is left unread once
 * the response is sent, so the client still gets its answer.
 */
export function readBody(request: IncomingMessage, limit: number): Promise<RawBody> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    return Promise.resolve({ bytes: Buffer.alloc(0), tooLarge: true });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (tooLarge: boolean) => {
      if (!settled) {
        settled = true;
        request.off('data', onData);
        resolve({ bytes: Buffer.concat(chunks), tooLarge });
      }
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) {
        request.pause();
        finish(true);
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => finish(false));
    // A client that goes away mid-body: answer with what came, the response will go nowhere anyway.
    request.once('close', () => finish(false));
    request.once('error', () => finish(false));
  });
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

export function parseBody(raw: RawBody, contentType: string | undefined): ParsedBody {
  if (raw.tooLarge) {
    return { kind: 'tooLarge' };
  }
  if (raw.bytes.length === 0) {
    return { kind: 'none' };
  }
  const type = mediaType(contentType);
  if (type === 'application/json' || type.endsWith('+json')) {
    const text = raw.bytes.toString('utf8');
    try {
      return { kind: 'json', value: JSON.parse(text) as unknown };
    } catch (error) {
      return { kind: 'invalidJson', text, error: error instanceof Error ? error.message : String(error) };
    }
  }
  if (type === 'multipart/form-data') {
    const boundary = boundaryOf(contentType);
    if (boundary === undefined) {
      return { kind: 'invalidMultipart', error: 'multipart/form-data without a valid boundary parameter' };
    }
    try {
      return { kind: 'multipart', form: parseMultipart(raw.bytes, boundary) };
    } catch (error) {
      return { kind: 'invalidMultipart', error: error instanceof MultipartError ? error.message : String(error) };
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    return { kind: 'form', text: raw.bytes.toString('utf8') };
  }
  return { kind: 'text', contentType: type, text: raw.bytes.toString('utf8') };
}

/** The request log's view of a body: parsed JSON, the multipart summary (no bytes), raw text, or undefined. */
export function recordedBody(body: ParsedBody): unknown {
  switch (body.kind) {
    case 'json':
      return body.value;
    case 'multipart':
      return {
        fields: { ...body.form.fields },
        files: body.form.files.map((file) => ({ field: file.field, filename: file.filename, contentType: file.contentType, size: file.data.length })),
      };
    case 'invalidJson':
    case 'form':
    case 'text':
      return body.text;
    case 'none':
    case 'invalidMultipart':
    case 'tooLarge':
      return undefined;
  }
}
