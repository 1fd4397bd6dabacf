import * as l10n from '@vscode/l10n';
import type { AxiosInstance } from 'axios';
import { cancelledError, KantataError } from './errors';
import { errorFromTransport } from './httpErrors';
import { loadAxios } from './lazyAxios';
import { NetworkAgents, requestTransport } from './networkAgents';
import { HttpMethod, RequestBody } from './operations';

/**
 * One HTTP exchange, nothing more: no retries, no decoding. Every status comes back as a response;
 * only a failure to get an answer (network, time-out, cancellation) throws, already as a KantataError.
 */

export interface HttpRequest {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** The host named in messages. */
  readonly host: string;
  /** The token in the headers, kept out of error texts. */
  readonly secret?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly contentType?: string;
  readonly retryAfter?: string;
  readonly text: string;
}

/** Answers larger than this are not Kantata's (10,000 users with every include are well under it). */
const maxResponseBytes = 64 * 1024 * 1024;

/** `a,b` stays `a,b`: Kantata's documentation writes list parameters with bare commas. */
export function buildUrl(baseHref: string, path: string, query: Readonly<Record<string, string>>): string {
  const search = Object.entries(query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value).replace(/%2C/g, ',')}`)
    .join('&');
  return `${baseHref}${path}${search ? `?${search}` : ''}`;
}

function encodeBody(body: RequestBody | undefined): { data?: unknown; contentType?: string } {
  if (!body) {
    return {};
  }
  if (body.kind === 'json') {
    return { data: JSON.stringify(body.value), contentType: 'application/json' };
  }
  // The platform's FormData: axios streams it with a boundary of its own and sets the content type.
  const form = new FormData();
  form.append(body.fileField, new Blob([body.file.data], { type: body.file.contentType }), body.file.fileName);
  return { data: form };
}

function transportCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown }).code;
  const causeCode = ((error as { cause?: { code?: unknown } }).cause ?? {}).code;
  const candidate = typeof causeCode === 'string' && causeCode !== 'ERR_CANCELED' ? causeCode : code;
  return typeof candidate === 'string' ? candidate : undefined;
}

export class HttpTransport {
  private client: Promise<AxiosInstance> | undefined;

  constructor(private readonly agents: NetworkAgents = new NetworkAgents()) {}

  /** Made at the first request (see lazyAxios). */
  private http(): Promise<AxiosInstance> {
    this.client ??= loadAxios().then((axios) =>
      axios.create({
        // We read every status ourselves, decode JSON ourselves (to report non-JSON bodies), and never
        // follow redirects: a redirect would carry the token to an address nobody configured.
        validateStatus: () => true,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
        maxContentLength: maxResponseBytes,
        maxBodyLength: 20 * 1024 * 1024,
        proxy: false,
      }),
    );
    return this.client;
  }

  async send(request: HttpRequest): Promise<HttpResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    if (request.signal?.aborted) {
      throw cancelledError();
    }
    const { data, contentType } = encodeBody(request.body);
    const route = this.agents.forUrl(request.url);
    const { httpAgent, httpsAgent, proxyHost } = route;
    const http = await this.http();
    try {
      const response = await http.request<string>({
        method: request.method,
        url: request.url,
        httpAgent,
        httpsAgent,
        transport: requestTransport(route),
        data,
        headers: { ...request.headers, ...(contentType ? { 'Content-Type': contentType } : {}) },
        signal,
      });
      const header = (name: string): string | undefined => {
        const value: unknown = response.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      return {
        status: response.status,
        contentType: header('content-type'),
        retryAfter: header('retry-after'),
        text: typeof response.data === 'string' ? response.data : '',
      };
    } catch (error) {
      if (request.signal?.aborted) {
        throw cancelledError();
      }
      if (timeout.aborted) {
        const seconds = Math.round(request.timeoutMs / 1000);
        throw new KantataError({
          kind: 'timeout',
          userMessage:
            seconds === 1
              ? l10n.t("Kantata didn't answer within {0} second. Try again, or allow more time in the settings.", seconds)
              : l10n.t("Kantata didn't answer within {0} seconds. Try again, or allow more time in the settings.", seconds),
          remedies: ['retry', 'openSettings'],
          detail: `timed out after ${request.timeoutMs} ms`,
        });
      }
      const message = error instanceof Error ? error.message : String(error);
      throw errorFromTransport(transportCode(error), request.host, message, { proxyHost, secret: request.secret, caCertificatesSetting: this.agents.caCertificatesSetting });
    }
  }
}
