/**
 * A small, binary-safe multipart/form-data parser (RFC 7578): enough for a Rails-style file upload, strict
 * enough to catch a client that builds the body wrong (bad boundary, missing CRLFs, unterminated parts).
 */

export interface MultipartFile {
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}

export interface MultipartForm {
  /** Text fields; a repeated name keeps its last value. */
  readonly fields: Record<string, string>;
  readonly files: readonly MultipartFile[];
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_PARTS = 100;
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary parameter of a multipart/form-data content type, or undefined when it is not one. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType.trim())) {
    return undefined;
  }
  const params = parseHeaderParams(contentType.slice(contentType.indexOf(';') + 1));
  const boundary = params.get('boundary');
  // RFC 2046: 1 to 70 characters.
  return boundary !== undefined && boundary.length >= 1 && boundary.length <= 70 ? boundary : undefined;
}

export function parseMultipart(body: Buffer, boundary: string): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Record<string, string> = {};
  const files: MultipartFile[] = [];
  // The first delimiter may follow a preamble; later ones always follow a CRLF.
  let position = 0;
  if (!body.subarray(0, delimiter.length).equals(delimiter)) {
    const found = body.indexOf(Buffer.concat([CRLF, delimiter]));
    if (found < 0) {
      throw new MultipartError(`no "--${boundary}" delimiter in the body`);
    }
    position = found + 2;
  }
  for (let parts = 0; ; parts++) {
    position += delimiter.length;
    if (body[position] === 0x2d && body[position + 1] === 0x2d) {
      return { fields, files }; // the close delimiter "--boundary--"; an epilogue may follow
    }
    // Transport padding (spaces, tabs) may precede the CRLF that ends a delimiter line.
    while (body[position] === 0x20 || body[position] === 0x09) {
      position++;
    }
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) {
      throw new MultipartError('a delimiter line does not end with CRLF');
    }
    if (parts >= MAX_PARTS) {
      throw new MultipartError(`more than ${MAX_PARTS} parts`);
    }
    const partStart = position + 2;
    let contentStart: number;
    let headerText: string;
    if (body[partStart] === 0x0d && body[partStart + 1] === 0x0a) {
      headerText = ''; // a part without headers
      contentStart = partStart + 2;
    } else {
      const headerEnd = body.indexOf(HEADER_END, partStart);
      if (headerEnd < 0 || headerEnd - partStart > MAX_HEADER_BYTES) {
        throw new MultipartError('a part has no end of headers (a blank line)');
      }
      headerText = body.subarray(partStart, headerEnd).toString('utf8');
      contentStart = headerEnd + 4;
    }
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), contentStart);
    if (next < 0) {
      throw new MultipartError('a part is not terminated by a delimiter');
    }
    addPart(parseHeaders(headerText), body.subarray(contentStart, next), fields, files);
    position = next + 2;
  }
}

function addPart(headers: Map<string, string>, content: Buffer, fields: Record<string, string>, files: MultipartFile[]): void {
  const disposition = headers.get('content-disposition');
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) {
    throw new MultipartError('a part has no "Content-Disposition: form-data" header');
  }
  const params = parseHeaderParams(disposition.slice(disposition.indexOf(';') + 1));
  const name = params.get('name');
  if (name === undefined) {
    throw new MultipartError('a part has no name');
  }
  const filename = params.get('filename*') ?? params.get('filename');
  if (filename === undefined) {
    fields[name] = content.toString('utf8');
    return;
  }
  // Copy the bytes: the part must outlive the request buffer it was cut from.
  files.push({ field: name, filename, contentType: headers.get('content-type') ?? 'application/octet-stream', data: Buffer.from(content) });
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) {
      throw new MultipartError(`a malformed part header: "${line.slice(0, 80)}"`);
    }
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/** `; a=b; c="d \"e\""; f*=UTF-8''%E2%82%AC` → a map; names are lower-cased, RFC 5987 values decoded. */
function parseHeaderParams(text: string): Map<string, string> {
  const params = new Map<string, string>();
  const pattern = /\s*;?\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const name = match[1]!.toLowerCase();
    let value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '').trim();
    if (name.endsWith('*')) {
      const extended = /^([\w-]+)'[\w-]*'(.*)$/.exec(value);
      if (extended) {
        try {
          value = decodeURIComponent(extended[2]!);
        } catch {
          throw new MultipartError(`a malformed ${name} parameter`);
        }
      }
    }
    params.set(name, value);
    if (pattern.lastIndex >= text.length) {
      break;
    }
  }
  return params;
}
