import type { AxiosInstance } from 'axios';
import { isLoopbackHost } from './baseUrl';
import { IMAGE_MIME_TYPES, ImageType, sniffImageType } from './imageType';
import { loadAxios } from './lazyAxios';
import { type NetworkAgents, requestTransport } from './networkAgents';

/**
 * Downloads one profile photo. Photo URLs (`photo_path`) are public, like a CDN's, and may point anywhere,
 * so this never sends the token or cookies, and it checks every address it is sent to, redirects included.
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

let client: Promise<AxiosInstance> | undefined;

/** Made at the first download (see lazyAxios). */
function photoHttp(): Promise<AxiosInstance> {
  client ??= loadAxios().then((axios) => {
    const http = axios.create({
      responseType: 'arraybuffer',
      validateStatus: () => true,
      // Followed here, one request at a time (downloadPhoto), so each goes its own way with its TLS options.
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

export async function downloadPhoto(url: string, options: PhotoDownloadOptions = {}): Promise<DownloadedPhoto> {
  const what = describePhotoUrl(url);
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
  if (options.signal?.aborted) {
    throw new Error(`The download of ${what} was cancelled.`);
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_PHOTO_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let redirectRefused: Error | undefined;
  const http = await photoHttp();
  let response;
  try {
    for (let current = target, redirects = 0; ; redirects++) {
      const route = options.agents?.forUrl(current.href) ?? {};
      response = await http.get<Buffer>(current.href, {
        httpAgent: route.httpAgent,
        httpsAgent: route.httpsAgent,
        transport: requestTransport(route),
        signal,
        maxContentLength: maxBytes,
        headers: { Accept: 'image/png, image/jpeg, image/gif, image/webp', ...(options.userAgent ? { 'User-Agent': options.userAgent } : {}) },
      });
      const location: unknown = response.headers.location;
      if (!REDIRECT_STATUSES.has(response.status) || typeof location !== 'string') {
        break;
      }
      if (redirects === MAX_REDIRECTS) {
        throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      }
      // A redirect must meet the same rules, and may not lead from the internet to this machine.
      const to = new URL(location, current);
      const why = refusal(to) ?? (isLoopbackHost(to.hostname) && !isLoopbackHost(target.hostname) ? 'a redirect from the internet to this machine is not followed' : undefined);
      if (why) {
        redirectRefused = new Error(`The photo at ${what} redirected to ${describePhotoUrl(to.href)}, which was not followed: ${why}.`);
        throw redirectRefused;
      }
      current = to;
    }
  } catch (error) {
    if (redirectRefused) {
      throw redirectRefused;
    }
    if (options.signal?.aborted) {
      throw new Error(`The download of ${what} was cancelled.`);
    }
    if (timeout.aborted) {
      throw new Error(`${what} did not answer within ${timeoutMs / 1000} seconds.`);
    }
    const message = error instanceof Error ? error.message : String(error);
    if (/maxContentLength/.test(message)) {
      throw new Error(`The photo at ${what} is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB.`);
    }
    throw new Error(`The photo at ${what} could not be downloaded: ${message}`);
  }
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
