import * as l10n from '@vscode/l10n';
import { BaseUrl, DEFAULT_BASE_URL, parseBaseUrl } from './baseUrl';
import { forEachWithConcurrency } from './concurrency';
import { checkJsonDepth, DecodeError } from './decode';
import { cancelledError, KantataError, notSignedInError, withoutSecret } from './errors';
import { badResponse, errorFromResponse, notKantata } from './httpErrors';
import { HttpResponse, HttpTransport, buildUrl } from './httpTransport';
import { describeRequestTarget, KantataLogger, redact, silentLogger } from './logger';
import { NetworkAgents, NetworkOptions } from './networkAgents';
import * as ops from './operations';
import { RequestSlots, yieldToEventLoop } from './requestSlots';
import { defaultRetryOptions, retryDelayMs, RetryOptions, sleep } from './retryPolicy';
import { Capacity, PhotoFile, Role, User } from './types';

export interface KantataClientOptions {
  /** Default: Kantata OX's production API. */
  readonly baseUrl?: string;
  /** Reads the current token; undefined when signed out. Called once per request, never cached here. */
  readonly getToken: () => Promise<string | undefined>;
  /** Per attempt. Default 30 s. */
  readonly timeoutMs?: number;
  readonly logger?: KantataLogger;
  /** The extension's version, for the User-Agent. */
  readonly version: string;
  /** Pages of a listing fetched at once after the first. Default 4. */
  readonly pageConcurrency?: number;
  readonly retry?: Partial<RetryOptions>;
  /** Proxy, certificate checks and extra CAs. Default: direct, Node's CAs, the environment's proxy. */
  readonly network?: NetworkOptions;
  /**
   * The lifetime of the session this client serves: when it aborts, every request of the client stops at
   * once, a back-off included, and none starts again (a token must not outlive its session).
   */
  readonly lifetime?: AbortSignal;
}

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Use this token instead of the stored one: checking a token before it is stored. */
  readonly token?: string;
}

export interface ListProgress {
  readonly pagesLoaded: number;
  readonly pageCount: number;
  readonly usersLoaded: number;
  /** Total matches reported by the first page. */
  readonly total: number;
}

export interface ListOptions extends RequestOptions {
  readonly onProgress?: (progress: ListProgress) => void;
}

interface TryHooks {
  readonly onAnswered?: () => void;
  readonly onRateLimited?: (delayMs: number) => void;
}

/** Beyond this a listing is not Kantata's: 200,000 users. */
const maxPages = 1000;

/**
 * The one client: runs the typed operations of ./operations against one base URL, with the token, time-out,
 * retry rules and logging applied uniformly. It knows nothing about VS Code.
 */
export class KantataClient {
  readonly baseUrl: BaseUrl;
  private readonly agents: NetworkAgents;
  private readonly transport: HttpTransport;
  private readonly logger: KantataLogger;
  private readonly timeoutMs: number;
  private readonly pageConcurrency: number;
  private readonly retry: RetryOptions;
  private readonly userAgent: string;

  constructor(private readonly options: KantataClientOptions) {
    this.baseUrl = parseBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.agents = new NetworkAgents(options.network);
    this.transport = new HttpTransport(this.agents);
    this.logger = options.logger ?? silentLogger;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.pageConcurrency = Math.max(1, options.pageConcurrency ?? 4);
    this.retry = { ...defaultRetryOptions, ...options.retry };
    this.userAgent = `kantata-teammates-vscode/${options.version}`;
  }

  /** The agents requests use, for downloads that should go the same way (photos). */
  get networkAgents(): NetworkAgents {
    return this.agents;
  }

  /** Closes idle connections; the client must not be used afterwards. */
  dispose(): void {
    this.agents.dispose();
  }

  /**
   * Runs one operation, retrying what the retry rules allow. With `slots`, it waits for a slot before the
   * first try and gives it up as soon as a successful answer is in, before decoding it (see RequestSlots); a
   * failed try keeps it through its back-off, so retries never add to the requests in flight.
   */
  async run<T>(operation: ops.Operation<T>, requestOptions: RequestOptions = {}, slots?: RequestSlots): Promise<T> {
    const options = this.withinLifetime(requestOptions);
    if (options.signal?.aborted) {
      throw cancelledError();
    }
    const token = options.token ?? (await this.options.getToken());
    if (!token) {
      throw notSignedInError();
    }
    if (!slots) {
      return this.runTries(operation, token, options.signal);
    }
    await slots.acquire(options.signal);
    let held = true;
    const release = () => {
      if (held) {
        held = false;
        slots.release();
      }
    };
    try {
      return await this.runTries(operation, token, options.signal, { onAnswered: release, onRateLimited: (delayMs) => slots.pause(delayMs) });
    } finally {
      release();
    }
  }

  /** The caller's signal joined with the session's lifetime, so either one stops the request. */
  private withinLifetime(options: RequestOptions): RequestOptions {
    const lifetime = this.options.lifetime;
    if (!lifetime || options.signal === lifetime) {
      return options;
    }
    return { ...options, signal: options.signal ? AbortSignal.any([options.signal, lifetime]) : lifetime };
  }

  /**
   * The tries of one operation; `onAnswered` is called when a successful answer is in, before decoding, and
   * `onRateLimited` with the wait before trying again after a 429.
   */
  private async runTries<T>(operation: ops.Operation<T>, token: string, signal?: AbortSignal, hooks: TryHooks = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) {
        throw cancelledError();
      }
      try {
        return await this.attempt(operation, token, signal, hooks.onAnswered);
      } catch (error) {
        // A server may echo the token back in an error (a 403's message, say): never in what reaches the user.
        const failure = withoutSecret(this.asNetworkError(error, token), token);
        const delay = retryDelayMs(operation.method, failure, attempt, this.retry);
        if (delay === undefined || signal?.aborted) {
          throw failure;
        }
        if (failure.kind === 'rateLimited') {
          hooks.onRateLimited?.(delay);
        }
        this.logger.info(
          `Retrying ${operation.method} ${operation.path} in ${delay} ms (${failure.kind}; try ${attempt + 1} of ${this.retry.maxAttempts})`,
        );
        await sleep(delay, signal);
      }
    }
  }

  private async attempt<T>(operation: ops.Operation<T>, token: string, signal?: AbortSignal, onAnswered?: () => void): Promise<T> {
    const target = describeRequestTarget(operation.path, operation.query);
    const started = performance.now();
    let response: HttpResponse;
    try {
      response = await this.transport.send({
        method: operation.method,
        url: buildUrl(this.baseUrl.href, operation.path, operation.query),
        headers: {
          Accept: 'application/json',
          // The token goes only here, only to the configured base URL (redirects are never followed).
          Authorization: `Bearer ${token}`,
          'User-Agent': this.userAgent,
        },
        body: operation.body,
        timeoutMs: this.timeoutMs,
        signal,
        host: this.baseUrl.host,
        secret: token,
      });
    } catch (error) {
      const failure = this.asNetworkError(error, token);
      this.logger.warn(`${operation.method} ${target} failed (${failure.kind}) after ${elapsed(started)} ms`);
      this.logger.debug(`${operation.name}: ${redact(failure.detail ?? failure.userMessage, token)}`);
      throw failure;
    }
    this.logger.info(`${operation.method} ${target} ${response.status} ${elapsed(started)} ms`);
    if (onAnswered && response.status >= 200 && response.status < 300) {
      onAnswered();
      await yieldToEventLoop(); // the request given the slot goes out before this answer is decoded
    }
    if (response.status < 200 || response.status >= 300) {
      const failure = errorFromResponse({ ...response, host: this.baseUrl.host, method: operation.method, secret: token });
      this.logger.debug(
        `${operation.name}: ${failure.kind}${failure.serverMessages.length ? `: ${redact(failure.serverMessages.join(' | '), token)}` : ''}`,
      );
      throw failure;
    }
    return this.decode(operation, response, token, target);
  }

  /**
   * The answer of a successful request as the operation's type. Whatever in it cannot be read (not JSON, nested
   * deeper than any Kantata answer, not the documented shape) is a badResponse naming the problem, logged
   * with the request it answered. `problem` is logged in English; `shown`, its words for the user.
   */
  private decode<T>(operation: ops.Operation<T>, response: HttpResponse, token: string, target: string): T {
    const unreadable = (problem: string, shown = problem, detail = problem): KantataError => {
      this.logger.warn(`${operation.method} ${target}: the answer could not be read (${redact(problem, token)})`);
      return badResponse(this.baseUrl.host, redact(shown, token), redact(detail, token));
    };
    let body: unknown;
    if (response.text.trim() !== '') {
      try {
        body = JSON.parse(response.text);
      } catch {
        // A web page with a success status is not a broken Kantata answer but something else at the base URL
        // (a web site, a portal): say so, as for error statuses (found by the faults suite).
        if (response.contentType?.includes('html') || /^\s*</.test(response.text)) {
          throw notKantata(this.baseUrl.host, response.status, response.contentType, response.text);
        }
        throw unreadable('the answer is not valid JSON', l10n.t('the answer is not valid JSON'), `${operation.name}: ${response.text.length} bytes of non-JSON`);
      }
    } else if (response.status !== 204) {
      throw unreadable('the answer is empty', l10n.t('the answer is empty'));
    }
    try {
      checkJsonDepth(body);
      return operation.decode(body, (note) => this.logger.warn(`${operation.method} ${target}: ${redact(note, token)}`));
    } catch (error) {
      if (error instanceof DecodeError) {
        throw unreadable(error.message);
      }
      // Not a problem the decoders foresaw (a stack overflow, a bug): still the answer that could not be read,
      // not a network failure.
      this.logger.error(`${operation.name}: decoding the answer failed: ${redact(String(error), token)}`);
      throw unreadable('the answer has a form the extension does not know', l10n.t('the answer has a form the extension does not know'));
    }
  }

  /** What a request threw, as a KantataError: its own, or a network failure with the token taken out. */
  private asNetworkError(error: unknown, token: string): KantataError {
    if (error instanceof KantataError) {
      return error;
    }
    const message = error instanceof Error ? error.message : String(error);
    return new KantataError({
      kind: 'network',
      userMessage: l10n.t('Something went wrong talking to {0}.', this.baseUrl.host),
      remedies: ['retry'],
      detail: redact(message, token),
    });
  }

  /**
   * Every page of a user listing, 200 at a time: the first page says how many there are; the rest are
   * fetched `pageConcurrency` at a time and returned in server order, without duplicates.
   */
  async listUsers(params: ops.ListUsersParams = {}, options: ListOptions = {}): Promise<User[]> {
    const first = await this.run(ops.listUsersPage(params, 1), options);
    const pageCount = Math.max(1, first.pageCount);
    if (pageCount > maxPages) {
      throw badResponse(this.baseUrl.host, l10n.t('the listing claims {0} pages', first.pageCount), `the listing claims ${first.pageCount} pages`);
    }
    const pages: (readonly User[] | undefined)[] = [first.items];
    let pagesLoaded = 1;
    let usersLoaded = first.items.length;
    const report = () => options.onProgress?.({ pagesLoaded, pageCount, usersLoaded, total: first.count });
    report();
    const rest = Array.from({ length: pageCount - 1 }, (_, index) => index + 2);
    // The slots keep `pageConcurrency` requests in flight, in page order; twice as many pages are under way,
    // so that one is waiting for each slot that frees (and the listeners on the shared signal stay few).
    const slots = new RequestSlots(this.pageConcurrency);
    await forEachWithConcurrency(
      rest,
      2 * this.pageConcurrency,
      async (page, signal) => {
        const result = await this.run(ops.listUsersPage(params, page), { ...options, signal }, slots);
        pages[page - 1] = result.items;
        pagesLoaded++;
        usersLoaded += result.items.length;
        report();
      },
      options.signal,
    ).catch((error: unknown) => {
      throw options.signal?.aborted ? cancelledError() : error;
    });
    const seen = new Set<string>();
    return pages.flatMap((items) => items ?? []).filter((user) => !seen.has(user.id) && seen.add(user.id));
  }

  /** Everyone on the project (its numeric id) that the requester may see, every page; an unknown project is an empty list. */
  listUsersOnProject(projectId: string, params: Omit<ops.ListUsersParams, 'participantIn'> = {}, options: ListOptions = {}): Promise<User[]> {
    return this.listUsers({ ...params, participantIn: projectId }, options);
  }

  /**
   * The users with one of these email addresses (that the requester may see). Never one request per address: the
   * addresses, exact duplicates removed, go MAX_EMAIL_ADDRESSES at a time (see ops.emailAddressBatches), each batch
   * read page by page like any listing and the batches one after another; each user comes once, in batch order.
   * No addresses: no request. Kantata matches exactly and may heed case: compare the answers case-insensitively.
   */
  async listUsersByEmailAddresses(
    addresses: readonly string[],
    params: Omit<ops.ListUsersParams, 'byEmailAddresses'> = {},
    options: RequestOptions = {},
  ): Promise<User[]> {
    const users = new Map<string, User>();
    for (const batch of ops.emailAddressBatches(addresses)) {
      // Only the signal and token: a listing's progress would restart with every batch.
      for (const user of await this.listUsers({ ...params, byEmailAddresses: batch }, { signal: options.signal, token: options.token })) {
        if (!users.has(user.id)) {
          users.set(user.id, user);
        }
      }
    }
    return [...users.values()];
  }

  /** Every active role of the account, sorted by name. */
  async listRoles(options: RequestOptions = {}): Promise<Role[]> {
    const first = await this.run(ops.listRolesPage(1), options);
    const roles = [...first.items];
    for (let page = 2; page <= Math.min(first.pageCount, maxPages); page++) {
      roles.push(...(await this.run(ops.listRolesPage(page), options)).items);
    }
    return roles;
  }

  me(selection?: ops.UserSelection, options?: RequestOptions): Promise<User> {
    return this.run(ops.getMe(selection), options);
  }

  getUser(id: string, params?: ops.GetUserParams, options?: RequestOptions): Promise<User> {
    return this.run(ops.getUser(id, params), options);
  }

  updateUser(id: string, changes: ops.UserChanges, selection?: ops.UserSelection, options?: RequestOptions): Promise<User> {
    return this.run(ops.updateUser(id, changes, selection), options);
  }

  /** With `slots`, waits for one of them (a grid of many people asks a few at a time, see RequestSlots). */
  getCapacity(id: string, startDate: string, endDate: string, options?: RequestOptions, slots?: RequestSlots): Promise<Capacity> {
    return this.run(ops.getCapacity(id, startDate, endDate), options, slots);
  }

  resetProfilePhoto(id: string, options?: RequestOptions): Promise<void> {
    return this.run(ops.resetProfilePhoto(id), options);
  }

  uploadProfilePhoto(id: string, file: PhotoFile, selection?: ops.UserSelection, options?: RequestOptions): Promise<User> {
    return this.run(ops.uploadProfilePhoto(id, file, selection), options);
  }
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
