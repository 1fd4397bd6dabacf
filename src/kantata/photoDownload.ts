import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import * as dns from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress, describeAddressKind, isPublicHost } from './addressRules';
import { isLoopbackHost } from './baseUrl';
import { IMAGE_MIME_TYPES, ImageType, sniffImageType } from './imageType';
import { loadAxios } from './lazyAxios';
import { type NetworkAgents, requestTransport } from './networkAgents';

/**
 * Downloads one profile photo. Photo URLs (`photo_path`) are public, like a CDN's, and may point anywhere,
 * so this never sends the token or cookies, and it checks every address it is sent to, redirects included.
 *
 * From a public Kantata server, a photo may only come from a public address: a `photo_path` (or a redirect)
 * must not make this machine connect to itself, the local network or a cloud metadata service. This is decided
 * on the addresses the host name resolves to, not on the URL's text; the connection then goes to exactly the
 * addresses checked, so a second DNS answer (rebinding) cannot change where it goes. Through a proxy the proxy
 * resolves the name again, which cannot be helped, but the name was checked here first. The name is checked
 * for direct connections too, since VS Code's proxy support may send them through a proxy all the same. A
 * kept-alive connection is reused by host name: those of the account's agents were made by checked photo
 * downloads, or by API requests to the account's own server.
 */

export interface PhotoDownloadOptions {
  readonly signal?: AbortSignal;
  /** Default 30 s. */
  readonly timeoutMs?: number;
  /** Default 2 MB: avatars are small, and this bounds memory and disk whatever the server sends. */
  readonly maxBytes?: number;
  readonly userAgent?: string;
  /** Proxy and extra CAs, as for API requests. */
  readonly agents?: NetworkAgents;
  /**
   * The API base URL the photo URL came from. If its host is public (any host name but `localhost`, or a public
   * IP address), every photo connection must go to public addresses; if it is on this machine or the local
   * network (the sandbox, an internal server by address), photos may come from there too. Without it, public.
   */
  readonly baseUrl?: string;
  /** Resolves host names, as dns.lookup (the default); for tests. */
  readonly lookup?: LookupFunction;
}

export interface DownloadedPhoto {
  readonly bytes: Buffer;
  /** The MIME type of the format found in the bytes; the server's Content-Type is not trusted. */
  readonly contentType: string;
  readonly extension: ImageType;
}

export const DEFAULT_MAX_PHOTO_BYTES = 2 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
/** Redirects followed, each checked like the first address and sent its own way (proxy, CAs). */
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PUBLIC_ONLY = 'photos from a public Kantata server may only come from public addresses';

/** Whether the photos of the server at `baseUrl` must come from public addresses. */
function publicOnly(baseUrl: string | undefined): boolean {
  if (baseUrl === undefined) {
    return true;
  }
  try {
    return isPublicHost(new URL(baseUrl).hostname);
  } catch {
    return true;
  }
}

/** All the addresses `hostname` resolves to; stops waiting when `signal` aborts. */
function resolveAll(lookup: LookupFunction, hostname: string, signal: AbortSignal): Promise<dns.LookupAddress[]> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new Error('cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    lookup(hostname, { all: true }, (error, addresses, family) => {
      signal.removeEventListener('abort', onAbort);
      if (error) {
        reject(error);
      } else if (Array.isArray(addresses)) {
        resolve(addresses);
      } else {
        resolve([{ address: addresses, family: family ?? isIP(addresses) }]);
      }
    });
  });
}

/**
 * Checks where a connection to `url` would go, for a photo of a public server: why it may not (`10.0.0.5 is a
 * private address`), or the addresses it may go to (none for an IP address, which Node connects to as is).
 */
async function checkAddresses(url: URL, lookup: LookupFunction, signal: AbortSignal): Promise<{ refused: string } | { addresses: dns.LookupAddress[] }> {
  const host = url.hostname;
  const literal = classifyAddress(host);
  if (literal !== undefined) {
    return literal === 'public' ? { addresses: [] } : { refused: `${host} is ${describeAddressKind(literal)}` };
  }
  if (!isPublicHost(host)) {
    return { refused: `${host} is a name of this machine` };
  }
  const addresses = await resolveAll(lookup, host, signal);
  for (const { address } of addresses) {
    const kind = classifyAddress(address) ?? 'reserved';
    if (kind !== 'public') {
      return { refused: `${host} resolves to ${address}, ${describeAddressKind(kind)}` };
    }
  }
  if (addresses.length === 0) {
    throw new Error(`${host} resolves to no address`);
  }
  return { addresses };
}

/** A lookup that answers with the addresses already checked, so the connection goes nowhere else. */
function pinnedLookup(addresses: readonly dns.LookupAddress[]): LookupFunction {
  return (hostname, options, callback) => {
    const fitting = options.family === 4 || options.family === 6 ? addresses.filter((entry) => entry.family === options.family) : [...addresses];
    const first = fitting[0];
    if (!first) {
      callback(Object.assign(new Error(`${hostname} has no IPv${options.family} address`), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      callback(null, fitting);
    } else {
      callback(null, first.address, first.family);
    }
  };
}

let client: Promise<AxiosInstance> | undefined;

/** Made at the first download (see lazyAxios). */
function photoHttp(): Promise<AxiosInstance> {
  client ??= loadAxios().then((axios) => {
    const http = axios.create({
      responseType: 'arraybuffer',
      validateStatus: () => true,
      // Followed here, one request at a time (getFollowingRedirects), so each goes its own way with its TLS options.
      maxRedirects: 0,
      // Like HttpTransport: no proxy from the environment.
      proxy: false,
    });
    // Nothing set on axios's shared defaults may ride along: photos go out with no credentials, whatever happens.
    http.interceptors.request.use((config) => {
      config.headers.delete('Authorization');
      config.headers.delete('Cookie');
      config.auth = undefined;
      return config;
    });
    return http;
  });
  return client;
}

/** `https://host/path` of a photo URL, for messages and logs: queries may carry signatures. */
export function describePhotoUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
}

/** Why the address may not be fetched, or undefined. Plain http only on this machine (the sandbox). */
function refusal(url: URL): string | undefined {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return 'only https addresses are allowed (plain http only on this machine)';
  }
  if (url.username || url.password) {
    return 'addresses with a user name or password are not allowed';
  }
  return undefined;
}

/** One download's settings, worked out once from the options. */
interface PhotoRequest {
  /** The photo URL as messages show it (describePhotoUrl). */
  readonly what: string;
  readonly options: PhotoDownloadOptions;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly timeout: AbortSignal;
  /** The caller's signal or the time-out, whichever comes first. */
  readonly signal: AbortSignal;
  readonly mustBePublic: boolean;
  readonly lookup: LookupFunction;
}

type PhotoResponse = AxiosResponse<Buffer>;

export async function downloadPhoto(url: string, options: PhotoDownloadOptions = {}): Promise<DownloadedPhoto> {
  const what = describePhotoUrl(url);
  const target = allowedPhotoUrl(url, what);
  if (options.signal?.aborted) {
    throw new Error(`The download of ${what} was cancelled.`);
  }
  const request = startRequest(what, options);
  const response = await getFollowingRedirects(target, request);
  return imageFrom(response, what);
}

/** `url` parsed, if it is a photo address this may fetch at all (where it resolves to is checked later). */
function allowedPhotoUrl(url: string, what: string): URL {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Error(`The photo address is not a valid URL: ${what}`);
  }
  const refused = refusal(target);
  if (refused) {
    throw new Error(`The photo at ${what} was not downloaded: ${refused}.`);
  }
  return target;
}

function startRequest(what: string, options: PhotoDownloadOptions): PhotoRequest {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    what,
    options,
    timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULT_MAX_PHOTO_BYTES,
    timeout,
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    mustBePublic: publicOnly(options.baseUrl),
    lookup: options.lookup ?? (dns.lookup as LookupFunction),
  };
}

/**
 * Gets the photo, following up to MAX_REDIRECTS redirects one at a time: each address is checked like the first
 * and sent its own way (proxy, CAs). Every failure becomes a message that names the photo.
 */
async function getFollowingRedirects(target: URL, request: PhotoRequest): Promise<PhotoResponse> {
  const { what } = request;
  // A refusal is thrown as it is; any other failure is described by downloadFailure.
  let refusedError: Error | undefined;
  const http = await photoHttp();
  try {
    for (let current = target, redirects = 0, redirectedFrom: URL | undefined; ; redirects++) {
      const connection = await connectionTo(current, redirectedFrom !== undefined, request);
      if ('refused' in connection) {
        throw (refusedError = new Error(
          redirectedFrom
            ? `The photo at ${what} redirected to ${describePhotoUrl(current.href)}, which was not followed: ${connection.refused}.`
            : `The photo at ${what} was not downloaded: ${connection.refused}.`,
        ));
      }
      const response = await getOnce(http, current, connection.lookup, request);
      const location: unknown = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.status) || typeof location !== 'string') {
        return response;
      }
      if (redirects === MAX_REDIRECTS) {
        throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      }
      // A redirect must meet the same rules as the first address (checked at the top of the loop).
      redirectedFrom = current;
      current = new URL(location, current);
    }
  } catch (error) {
    throw refusedError ?? downloadFailure(error, request);
  }
}

/**
 * Whether a connection to `url` may be made, and if so the lookup that keeps it to the addresses checked
 * (undefined: the usual one). A redirect's address is checked like the first one was (allowedPhotoUrl).
 */
async function connectionTo(url: URL, isRedirect: boolean, request: PhotoRequest): Promise<{ refused: string } | { lookup: LookupFunction | undefined }> {
  const why = isRedirect ? refusal(url) : undefined;
  if (why) {
    return { refused: why };
  }
  if (!request.mustBePublic) {
    return { lookup: request.options.lookup };
  }
  const checked = await checkAddresses(url, request.lookup, request.signal);
  if ('refused' in checked) {
    return { refused: `${checked.refused}, and ${PUBLIC_ONLY}` };
  }
  return { lookup: checked.addresses.length > 0 ? pinnedLookup(checked.addresses) : undefined };
}

/** One GET, with no credentials, through the account's proxy and CAs, to the addresses `lookup` gives. */
function getOnce(http: AxiosInstance, url: URL, lookup: LookupFunction | undefined, { options, signal, maxBytes }: PhotoRequest): Promise<PhotoResponse> {
  const route = options.agents?.forUrl(url.href) ?? {};
  return http.get<Buffer>(url.href, {
    httpAgent: route.httpAgent,
    httpsAgent: route.httpsAgent,
    transport: requestTransport(route),
    // Direct connections only: through a proxy, the proxy resolves the name (checked above all the same).
    ...(lookup && route.proxyHost === undefined ? { lookup: lookup as AxiosRequestConfig['lookup'] } : {}),
    signal,
    maxContentLength: maxBytes,
    headers: { Accept: 'image/png, image/jpeg, image/gif, image/webp', ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}) },
  });
}

/** Why the download failed, in words that name the photo: cancelled, timed out, too large, or what went wrong. */
function downloadFailure(error: unknown, { what, options, timeout, timeoutMs, maxBytes }: PhotoRequest): Error {
  if (options.signal?.aborted) {
    return new Error(`The download of ${what} was cancelled.`);
  }
  if (timeout.aborted) {
    return new Error(`${what} did not answer within ${timeoutMs / 1000} seconds.`);
  }
  const message = error instanceof Error ? error.message : String(error);
  if (/maxContentLength/.test(message)) {
    return new Error(`The photo at ${what} is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB.`);
  }
  return new Error(`The photo at ${what} could not be downloaded: ${message}`);
}

/** The photo in the answer, if it is a success holding an image; its type is read from the bytes. */
function imageFrom(response: PhotoResponse, what: string): DownloadedPhoto {
  if (response.status < 200 || response.status > 299) {
    throw new Error(`The photo at ${what} could not be downloaded: HTTP ${response.status}.`);
  }
  const bytes = Buffer.isBuffer(response.data) ? response.data : Buffer.from(response.data);
  const extension = sniffImageType(bytes);
  if (!extension) {
    const claimed = response.headers['content-type'];
    throw new Error(`The file at ${what} is not a PNG, JPEG, GIF or WebP image (its Content-Type says ${typeof claimed === 'string' ? claimed : 'nothing'}).`);
  }
  return { bytes, contentType: IMAGE_MIME_TYPES[extension], extension };
}
