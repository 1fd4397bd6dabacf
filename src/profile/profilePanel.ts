import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { KantataSession } from '../accounts/session';
import { CapacityCache } from '../capacity/capacityCache';
import { presetRange, validateRange, CapacityPreset, DateRange } from '../capacity/capacityRange';
import { isKantataError, notSignedInError } from '../kantata/errors';
import { UserInclude, UserOptionalField } from '../kantata/operations';
import { User } from '../kantata/types';
import { clipText } from '../shared/displayText';
import { DisposableStore } from '../shared/disposable';
import { pageAssets, prepareWebviewPanel } from '../shared/webviewPanels';
import { PhotoCache } from '../photos/photoCache';
import { toErrorData, safeEmail, toProfileData } from './profileData';
import { makeNonce, profileHtml } from './profileHtml';
import { FromWebview, isFromWebview, ToWebview } from './protocol';
import { Commands } from '../shared/ids';

/**
 * An editor tab is as wide as its title: a 10,000-character name made a tab 90,000 px wide, pushing the other
 * tabs out of reach (found by the hostile-data suite). One line, clipped; the page shows the whole name.
 */
export function panelTitle(fullName: string): string {
  return clipText(fullName.replace(/\s+/g, ' ').trim(), 40) || vscode.l10n.t('Kantata Profile');
}

const PROFILE_INCLUDES: readonly UserInclude[] = ['role', 'account_membership', 'manager', 'skills', 'skill_memberships', 'custom_field_values'];
const PROFILE_FIELDS: readonly UserOptionalField[] = ['bio', 'website', 'city', 'state', 'country', 'abbreviated_timezone', 'classification'];

export interface ProfilePanelDependencies {
  readonly session: KantataSession;
  readonly photos: PhotoCache;
  /** Capacity answers of this session, shared with Team Availability: a grid's answers open here at once. */
  readonly capacities: CapacityCache;
  readonly extensionUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
  /** The capacity range a panel opens with when it has none of its own. */
  readonly defaultPreset: () => CapacityPreset;
}

export interface CapacityChoice {
  readonly preset?: CapacityPreset;
  readonly range?: DateRange;
}

/** Answers queued for a page that says it is ready later than this are asked for again. */
const QUEUED_ANSWERS_MAX_AGE_MS = 60_000;

/**
 * One person's profile and capacity in an editor tab. Kantata is asked as the panel opens, while the page
 * loads, and the answers wait for the page's "ready"; a page loaded again asks anew. Every request can be
 * superseded (a newer one aborts the older) and stops when the panel closes.
 */
export class ProfilePanel extends DisposableStore {
  private user: User | undefined;
  private person: string;
  private preview: boolean;
  private capacityChoice: CapacityChoice;
  private profileRequest: AbortController | undefined;
  private capacityRequest: AbortController | undefined;
  private ready = false;
  /** What was posted before the page first said it was ready; undefined once delivered. */
  private pending: ToWebview[] | undefined = [];
  /** The loads started with the panel, and when they ended. */
  private readonly firstLoad: Promise<void>;
  private firstLoadDoneAt: number | undefined;
  private focusCapacityWhenReady: boolean;
  /** Counts sendProfile() calls: only the latest one's profile is posted. */
  private profileGeneration = 0;
  /** The account the panel shows a person of; undefined for a panel restored before the sign-in was read. */
  accountId: string | undefined;
  private readonly disposedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly postedEmitter = this.register(new vscode.EventEmitter<ToWebview>());
  /** Fires with each message posted to the page (queued ones once the page is ready). */
  readonly onDidPostMessage = this.postedEmitter.event;
  private readonly previewEmitter = this.register(new vscode.EventEmitter<boolean>());
  /** Fires when the panel stops (or starts) being the preview. */
  readonly onDidChangePreview = this.previewEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    userId: string,
    private readonly deps: ProfilePanelDependencies,
    initial: CapacityChoice & { focusCapacity?: boolean; title?: string; preview?: boolean },
  ) {
    super();
    this.person = userId;
    this.preview = initial.preview ?? false;
    if (this.preview) {
      this.post({ type: 'preview', preview: true });
    }
    this.accountId = deps.session.current?.account.id;
    this.capacityChoice = initial.range || initial.preset ? initial : { preset: deps.defaultPreset() };
    this.focusCapacityWhenReady = initial.focusCapacity ?? false;
    const webview = panel.webview;
    prepareWebviewPanel(panel, deps.extensionUri);
    panel.title = initial.title ?? vscode.l10n.t('Kantata Profile');
    webview.html = profileHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(randomBytes),
      ...pageAssets(deps.extensionUri, 'webview.js', 'profile.css'),
      title: panel.title,
      userId,
    });
    this.register(webview.onDidReceiveMessage((message: unknown) => void this.handleMessage(message)));
    this.register(deps.photos.onDidLoad((url) => url === this.user?.photoPath && this.sendProfile()));
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register({ dispose: () => (this.profileRequest?.abort(), this.capacityRequest?.abort()) });
    // The round trips overlap the page's loading instead of following it; after the stored sign-in has been
    // read, since a panel restored with the window is opened while it is being read.
    this.firstLoad = deps.session
      .whenRestored()
      .catch(() => undefined)
      .then(() => this.refresh())
      .then(
        () => void (this.firstLoadDoneAt = Date.now()),
        (error: unknown) => this.deps.log.error(`Profile panel: ${String(error)}`),
      );
  }

  override dispose(): void {
    if (!this.isDisposed) {
      this.disposedEmitter.fire();
      super.dispose();
      this.panel.dispose();
    }
  }

  /** Whose profile the panel shows: the one it opened with, or the last one a preview panel was given. */
  get userId(): string {
    return this.person;
  }

  /** A preview panel is replaced by the next teammate clicked; kept open, it is not. */
  get isPreview(): boolean {
    return this.preview;
  }

  setPreview(preview: boolean): void {
    if (preview !== this.preview && !this.isDisposed) {
      this.preview = preview;
      this.post({ type: 'preview', preview });
      this.previewEmitter.fire(preview);
    }
  }

  /**
   * Shows another person in this panel, without a new webview (what makes a preview panel quick): what was
   * asked about the last one is dropped, the capacity range stays, and the new person is loaded.
   */
  showPerson(user: Pick<User, 'id' | 'fullName'>): void {
    if (user.id === this.person || this.isDisposed) {
      return;
    }
    this.profileRequest?.abort();
    this.capacityRequest?.abort();
    this.person = user.id;
    this.user = undefined;
    this.profileGeneration++;
    this.accountId = this.deps.session.current?.account.id;
    this.panel.title = panelTitle(user.fullName);
    this.post({ type: 'person', userId: user.id });
    this.refresh().catch((error: unknown) => this.deps.log.error(`Profile panel: ${String(error)}`));
  }

  /** `preserveFocus`: the keyboard stays where it is (a teammate previewed from a tree: the tree keeps it). */
  reveal(focusCapacity: boolean, preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus && !focusCapacity);
    if (focusCapacity) {
      this.focusCapacity();
    }
  }

  /** New details for this person (after an edit): shown at once, without a request. */
  showUser(user: User): void {
    if (user.id === this.userId && this.user) {
      this.user = { ...this.user, ...user };
      this.sendProfile();
    }
  }

  /** Loads the profile and capacity again; `fresh` asks Kantata even for capacity already in the cache (Refresh). */
  async refresh(fresh = false): Promise<void> {
    await Promise.all([this.loadProfile(), this.loadCapacity(this.capacityChoice, fresh)]);
  }

  private focusCapacity(): void {
    if (this.ready) {
      this.post({ type: 'focusCapacity' });
    } else {
      this.focusCapacityWhenReady = true;
    }
  }

  /** A message from the page. Anything outside the protocol is ignored. */
  private async handleMessage(message: unknown): Promise<void> {
    if (!isFromWebview(message)) {
      this.deps.log.warn('The profile page sent a message that is not part of the protocol; ignored.');
      return;
    }
    await this.handle(message).catch((error: unknown) => this.deps.log.error(`Profile panel: ${String(error)}`));
  }

  private async handle(message: FromWebview): Promise<void> {
    switch (message.type) {
      case 'ready': {
        this.ready = true;
        const pending = this.pending;
        this.pending = undefined;
        const stale = this.firstLoadDoneAt !== undefined && Date.now() - this.firstLoadDoneAt > QUEUED_ANSWERS_MAX_AGE_MS;
        if (pending && !stale) {
          // The first page of this panel: what the loads started with the panel sent is delivered now, and
          // whatever they still send follows (focusCapacity waits for them, to come after the data).
          pending.forEach((queued) => this.deliver(queued));
          await this.firstLoad;
        } else {
          // The page was loaded again (its state is gone), or it became ready long after the answers came (a
          // panel hidden while it loaded): everything anew.
          await this.refresh();
        }
        if (this.focusCapacityWhenReady) {
          this.focusCapacityWhenReady = false;
          this.post({ type: 'focusCapacity' });
        }
        break;
      }
      case 'refresh':
        await this.refresh(true);
        break;
      case 'loadCapacity':
        await this.loadCapacity('preset' in message ? { preset: message.preset } : { range: message.range });
        break;
      case 'retryCapacity':
        await this.loadCapacity(this.capacityChoice, true);
        break;
      case 'openWebsite': {
        const website = this.user && toProfileData(this.user, { isMe: false }).website;
        if (website) {
          await vscode.env.openExternal(vscode.Uri.parse(website, true));
        }
        break;
      }
      case 'sendEmail': {
        const email = safeEmail(this.user?.emailAddress);
        if (email) {
          await vscode.env.openExternal(vscode.Uri.from({ scheme: 'mailto', path: email }));
        }
        break;
      }
      case 'signIn':
        await vscode.commands.executeCommand(Commands.signIn);
        break;
      case 'showLogs':
        await vscode.commands.executeCommand(Commands.showLogs);
        break;
      case 'runCommand':
        await vscode.commands.executeCommand(message.command, { userId: this.userId });
        break;
      case 'keepOpen':
        this.setPreview(false);
        break;
    }
  }

  private async loadProfile(): Promise<void> {
    this.profileRequest?.abort();
    const controller = new AbortController();
    this.profileRequest = controller;
    this.post({ type: 'profileLoading' });
    const selection = { include: PROFILE_INCLUDES, optionalFields: PROFILE_FIELDS };
    const account = this.deps.session.current;
    try {
      if (!account) {
        throw notSignedInError();
      }
      const client = account.client;
      let user: User;
      try {
        user = await client.getUser(this.userId, selection, { signal: controller.signal });
      } catch (error) {
        // Show routes hide disabled users unless asked: a teammate listed with "show disabled" lands here.
        if (!isKantataError(error) || error.kind !== 'notFound') {
          throw error;
        }
        user = await client.getUser(this.userId, { ...selection, showDisabled: true }, { signal: controller.signal });
      }
      if (this.profileRequest !== controller) {
        return;
      }
      this.user = user;
      this.panel.title = panelTitle(user.fullName);
      this.sendProfile();
    } catch (error) {
      if (this.profileRequest === controller && !controller.signal.aborted) {
        account?.reportFailure(error);
        this.post({ type: 'profileError', error: toErrorData(error) });
      }
    }
  }

  private async loadCapacity(choice: CapacityChoice, fresh = false): Promise<void> {
    let range: DateRange;
    if (choice.preset) {
      range = presetRange(choice.preset, new Date());
    } else {
      const checked = validateRange(choice.range?.start ?? '', choice.range?.end ?? '');
      if (!checked.ok) {
        this.post({ type: 'capacityInvalid', message: checked.message, field: checked.field });
        return;
      }
      range = { start: checked.start, end: checked.end };
    }
    this.capacityChoice = choice;
    this.capacityRequest?.abort();
    const controller = new AbortController();
    this.capacityRequest = controller;
    const preset = choice.preset;
    this.post({ type: 'capacityLoading', range, preset });
    const account = this.deps.session.current;
    try {
      if (!account) {
        throw notSignedInError();
      }
      const capacity = await this.deps.capacities.fetch(account.account.id, account.client, this.userId, range, { signal: controller.signal, fresh });
      if (this.capacityRequest === controller) {
        this.post({ type: 'capacity', range, preset, capacity });
      }
    } catch (error) {
      if (this.capacityRequest === controller && !controller.signal.aborted) {
        account?.reportFailure(error);
        this.post({ type: 'capacityError', range, preset, error: toErrorData(error) });
      }
    }
  }

  /** The person as they are now, with their photo once it is on disk. */
  private sendProfile(): void {
    const user = this.user;
    if (!user) {
      return;
    }
    const generation = ++this.profileGeneration;
    const photo = user.photoPath ? this.deps.photos.readAsDataUrl(user.photoPath) : Promise.resolve(undefined);
    void photo.then(
      (photoDataUrl) => {
        // A newer profile (an edit, another photo) may have been sent while this file was read.
        if (generation === this.profileGeneration && !this.isDisposed) {
          const isMe = this.deps.session.isMe(this.userId);
          this.post({ type: 'profile', profile: toProfileData(user, { isMe, photoDataUrl }) });
        }
      },
      (error: unknown) => this.deps.log.error(`Profile panel: the photo could not be read: ${String(error)}`),
    );
  }

  private post(message: ToWebview): void {
    if (this.pending) {
      this.pending.push(message);
      return;
    }
    this.deliver(message);
  }

  private deliver(message: ToWebview): void {
    if (!this.isDisposed) {
      this.panel.webview.postMessage(message).then(undefined, () => undefined);
      this.postedEmitter.fire(message);
    }
  }
}
