import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { type AvailabilityPreset, availabilityRange } from '../capacity/availability';
import { AvailabilityLoad } from '../capacity/availabilityLoad';
import { CapacityCache } from '../capacity/capacityCache';
import type { DateRange } from '../capacity/capacityRange';
import { notSignedInError } from '../kantata/errors';
import type { Capacity } from '../kantata/types';
import { PhotoCache } from '../photos/photoCache';
import { toErrorData } from '../profile/profileData';
import { makeNonce } from '../profile/profileHtml';
import { clipText } from '../shared/displayText';
import { DisposableStore } from '../shared/disposable';
import { pageAssets, prepareWebviewPanel } from '../shared/webviewPanels';
import { Commands } from '../shared/ids';
import { availabilityHtml } from './availabilityHtml';
import { exportAvailability } from './availabilityExport';
import { rowData, weekColumns } from './gridData';
import { type ErrorData, type FromWebview, type GridProgress, isFromWebview, type PersonData, type RowData, type ToWebview, type WeekColumn } from './protocol';

/** A person of the grid, with where their photo is (not sent to the page, not saved with its state). */
export interface GridPerson extends PersonData {
  readonly photoPath?: string;
}

export interface AvailabilityPanelDependencies {
  readonly session: KantataSession;
  readonly photos: PhotoCache;
  readonly capacities: CapacityCache;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** Requests in flight at most (the `kantata.availability.maxConcurrentRequests` setting). */
  readonly concurrency: () => number;
}

export interface AvailabilityGrid {
  /** What the grid is of: a group's name, "3 people", "Everyone". */
  readonly title: string;
  readonly people: readonly GridPerson[];
  readonly preset: AvailabilityPreset;
}

/** `Availability: Engineers`, on one line and short enough for a tab. */
export function availabilityPanelTitle(title: string): string {
  const clipped = clipText(title.replace(/\s+/g, ' ').trim(), 40);
  return clipped ? vscode.l10n.t('Availability: {0}', clipped) : vscode.l10n.t('Availability: Team');
}

/**
 * The Team Availability grid of some people in an editor tab. Loading starts with the panel, while the page
 * loads; the answers are kept here, so a page that is (re)loaded (shown again after being hidden, or after a
 * window reload) is sent the whole grid when it says it is ready. Closing the panel stops every request.
 */
export class AvailabilityPanel extends DisposableStore {
  private preset: AvailabilityPreset;
  private range: DateRange;
  private weeks: WeekColumn[];
  private load: AvailabilityLoad | undefined;
  private readonly rows = new Map<string, RowData>();
  private readonly errors = new Map<string, ErrorData>();
  private gridError: ErrorData | undefined;
  private photoUrls = new Map<string, string>();
  private ready = false;
  /** Answers and progress waiting for the next flush: one `rows` message per turn of the event loop. */
  private outgoing: RowData[] = [];
  private flushScheduled = false;
  /** The account the grid shows people of; undefined for a panel restored before the sign-in was read. */
  accountId: string | undefined;
  private readonly disposedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly postedEmitter = this.register(new vscode.EventEmitter<ToWebview>());
  /** Fires with each message posted to the page. */
  readonly onDidPostMessage = this.postedEmitter.event;
  private readonly loadedEmitter = this.register(new vscode.EventEmitter<GridProgress>());
  /** Fires when a load has no request left running: finished, cancelled, or with failures. */
  readonly onDidFinishLoading = this.loadedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private grid: AvailabilityGrid,
    private readonly deps: AvailabilityPanelDependencies,
  ) {
    super();
    this.accountId = deps.session.current?.account.id;
    this.preset = grid.preset;
    this.range = availabilityRange(this.preset, new Date());
    this.weeks = weekColumns(this.range);
    this.setUpWebview();
    this.register(panel.webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message)));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(deps.photos.onDidLoad((url) => this.sendPhotos(this.grid.people.filter((person) => person.photoPath === url))));
    // Closing the panel stops its requests without reporting the load's end: the load is let go first, so
    // nothing is logged or fired from a panel being disposed (when the window closes, the log is gone already).
    this.register({
      dispose: () => {
        const load = this.load;
        this.load = undefined;
        load?.cancel();
      },
    });
    void deps.session
      .whenRestored()
      .catch(() => undefined)
      .then(() => this.startLoad(false));
    this.sendPhotos(grid.people);
  }

  override dispose(): void {
    if (!this.isDisposed) {
      this.disposedEmitter.fire();
      super.dispose();
      this.panel.dispose();
    }
  }

  get people(): readonly GridPerson[] {
    return this.grid.people;
  }

  get progress(): GridProgress {
    return this.load?.progress ?? { done: 0, failed: 0, total: this.grid.people.length, finished: this.gridError !== undefined, cancelled: false };
  }

  private setUpWebview(): void {
    const { panel, deps } = this;
    const webview = panel.webview;
    prepareWebviewPanel(panel, deps.extensionUri);
    panel.title = availabilityPanelTitle(this.grid.title);
    webview.html = availabilityHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(randomBytes),
      ...pageAssets(deps.extensionUri, 'availability.js', 'availability.css'),
      title: panel.title,
    });
  }

  /** Starts loading the current range for everyone, dropping what an earlier load found. */
  private startLoad(fresh: boolean): void {
    if (this.isDisposed) {
      return;
    }
    this.load?.cancel();
    this.load = undefined;
    this.rows.clear();
    this.errors.clear();
    this.outgoing = [];
    this.range = availabilityRange(this.preset, new Date());
    this.weeks = weekColumns(this.range);
    const account = this.deps.session.current;
    this.gridError = account ? undefined : toErrorData(notSignedInError());
    if (!account) {
      this.sendGrid();
      this.loadedEmitter.fire(this.progress);
      return;
    }
    const accountId = account.account.id;
    const started = performance.now();
    const load: AvailabilityLoad = new AvailabilityLoad(
      this.grid.people.map((person) => person.id),
      { accountId, fetcher: account.client, cache: this.deps.capacities, range: this.range, concurrency: Math.max(1, this.deps.concurrency()), fresh },
      {
        onAnswers: (answers) => load === this.load && this.receive(answers),
        onFailure: (userId, error) => {
          if (load === this.load) {
            account.reportFailure(error);
            this.errors.set(userId, toErrorData(error));
            this.post({ type: 'rowError', userId, error: toErrorData(error) });
          }
        },
        onProgress: (progress) => load === this.load && this.progressed(progress, started),
      },
    );
    this.load = load;
    this.sendGrid();
    load.start();
  }

  private receive(answers: readonly { readonly userId: string; readonly capacity: Capacity }[]): void {
    for (const { userId, capacity } of answers) {
      const row = rowData(userId, capacity);
      this.rows.set(userId, row);
      this.errors.delete(userId);
      this.outgoing.push(row);
    }
    this.scheduleFlush();
  }

  private progressed(progress: GridProgress, started: number): void {
    this.scheduleFlush();
    if (progress.finished) {
      const took = Math.round(performance.now() - started);
      this.deps.log.info(`Team availability: ${progress.done - progress.failed} of ${progress.total} people in ${took} ms (${progress.failed} failed${progress.cancelled ? ', cancelled' : ''}).`);
      this.loadedEmitter.fire(progress);
    }
  }

  /** Sends the answers gathered in this turn as one message, then the progress. */
  private scheduleFlush(): void {
    if (this.flushScheduled) {
      return;
    }
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const rows = this.outgoing;
      this.outgoing = [];
      if (rows.length > 0) {
        this.post({ type: 'rows', rows });
      }
      this.post({ type: 'progress', progress: this.progress });
    });
  }

  /** Everything the page needs to show the grid as it is now: a page that just became ready gets it all. */
  private sendGrid(): void {
    if (this.gridError) {
      this.post({ type: 'gridError', error: this.gridError });
      return;
    }
    const people = this.grid.people.map(({ id, name, role, initials }): PersonData => ({ id, name, role, initials }));
    this.post({ type: 'grid', title: this.grid.title, preset: this.preset, range: this.range, weeks: this.weeks, people });
    if (this.rows.size > 0) {
      this.post({ type: 'rows', rows: [...this.rows.values()] });
    }
    for (const [userId, error] of this.errors) {
      this.post({ type: 'rowError', userId, error });
    }
    if (this.photoUrls.size > 0) {
      this.post({ type: 'photos', photos: [...this.photoUrls].map(([userId, dataUrl]) => ({ userId, dataUrl })) });
    }
    this.post({ type: 'progress', progress: this.progress });
  }

  /** The photos of these people that are on disk, in one message; the others come as they are downloaded. */
  private sendPhotos(people: readonly GridPerson[]): void {
    const reads = people.map(async (person) => {
      const dataUrl = person.photoPath ? await this.deps.photos.readAsDataUrl(person.photoPath) : undefined;
      return dataUrl ? { userId: person.id, dataUrl } : undefined;
    });
    void Promise.all(reads).then(
      (found) => {
        const photos = found.filter((photo): photo is { userId: string; dataUrl: string } => photo !== undefined);
        photos.forEach(({ userId, dataUrl }) => this.photoUrls.set(userId, dataUrl));
        if (photos.length > 0) {
          this.post({ type: 'photos', photos });
        }
      },
      (error: unknown) => this.deps.log.error(`Team availability: photos could not be read: ${String(error)}`),
    );
  }

  /** A message from the page. Anything outside the protocol is ignored. */
  private async handleMessage(message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      this.deps.log.warn('The availability page sent a message that is not part of the protocol; ignored.');
      return;
    }
    await this.handle(message).catch((error: unknown) => this.deps.log.error(`Team availability: ${String(error)}`));
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.sendGrid();
        break;
      case 'refresh':
        this.startLoad(true);
        break;
      case 'cancel':
        this.load?.cancel();
        break;
      case 'setPreset':
        this.preset = message.preset;
        this.grid = { ...this.grid, preset: message.preset };
        this.startLoad(false);
        break;
      case 'retryRow':
      case 'retryFailed':
        this.retry(message.type === 'retryRow' ? [message.userId] : (this.load?.unanswered ?? []));
        break;
      case 'openProfile':
        await vscode.commands.executeCommand(Commands.openProfile, { userId: message.userId });
        break;
      case 'copyMarkdown':
      case 'saveCsv': {
        const result = await exportAvailability(message.type === 'copyMarkdown' ? 'markdown' : 'csv', { title: this.grid.title, range: this.range, weeks: this.weeks, people: this.grid.people, rows: this.rows, view: message.view });
        if (result) {
          this.post({ type: 'exported', message: result });
        }
        break;
      }
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        break;
      case 'showLogs':
        await vscode.commands.executeCommand(Commands.showLogs);
        break;
    }
  }

  private retry(userIds: readonly string[]): void {
    if (!this.load || this.deps.session.current?.account.id !== this.accountId) {
      this.startLoad(false);
      return;
    }
    const asked = userIds.filter((userId) => !this.rows.has(userId));
    asked.forEach((userId) => this.errors.delete(userId));
    if (asked.length > 0) {
      this.post({ type: 'rowsLoading', userIds: asked });
    }
    this.load.retry(asked);
  }

  private post(message: ToWebview): void {
    // Before the page is ready nothing is sent: its "ready" gets the whole grid (sendGrid).
    if (!this.ready || this.isDisposed) {
      return;
    }
    this.panel.webview.postMessage(message).then(undefined, () => undefined);
    this.postedEmitter.fire(message);
  }
}
