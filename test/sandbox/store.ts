import type { CustomFieldValueRecord, Dataset, ExternalReferenceRecord, RoleRecord, SkillMembershipRecord, SkillRecord, UserRecord } from './model';

/** Who asks, and the filters that decide which users they can see. */
export interface Viewer {
  readonly requester: UserRecord;
  readonly onMyAccount: boolean;
  readonly showDisabled: boolean;
}

/** Sorting as the docs' `alphabetical` order: by full name (accent- and case-insensitive), id breaking ties. */
const collator = new Intl.Collator('en', { sensitivity: 'base' });

function compareUsers(a: UserRecord, b: UserRecord): number {
  return collator.compare(a.full_name, b.full_name) || Number(a.id) - Number(b.id);
}

/** Lower-case, accent-free text, so that "jose" finds "José". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The account's data as the API sees it now: the seeded dataset plus the changes made through PUT and the
 * photo routes, which last until reset(). The seeded records are never mutated: changes go to copies.
 */
export class Store {
  private users = new Map<string, UserRecord>();
  private sorted: UserRecord[] = [];
  private sortedIsStale = false;
  private searchText = new Map<string, { name: string; all: string }>();
  private externalReferences = new Map<string, ExternalReferenceRecord>();
  private nextExternalReferenceId = 700_001;
  private changes = 0;
  readonly roles: ReadonlyMap<string, RoleRecord>;
  readonly skills: ReadonlyMap<string, SkillRecord>;
  readonly skillMemberships: ReadonlyMap<string, SkillMembershipRecord>;
  readonly customFieldValues: ReadonlyMap<string, CustomFieldValueRecord>;
  private readonly pristineSorted: readonly UserRecord[];
  private readonly pristineSearch: ReadonlyMap<string, { name: string; all: string }>;

  constructor(readonly dataset: Dataset) {
    this.roles = new Map(dataset.roles.map((role) => [role.id, role]));
    this.skills = new Map(dataset.skills.map((skill) => [skill.id, skill]));
    this.skillMemberships = new Map(dataset.skillMemberships.map((membership) => [membership.id, membership]));
    this.customFieldValues = new Map(dataset.customFieldValues.map((value) => [value.id, value]));
    // Sorting 10,000 names with a collator is the one slow step: do it once, and again only after a rename.
    this.pristineSorted = [...dataset.users].sort(compareUsers);
    this.pristineSearch = new Map(dataset.users.map((user) => [user.id, searchEntry(user)]));
    this.reset();
  }

  /** Goes up with every change (and reset): an answer built at one revision holds for as long as it lasts. */
  get revision(): number {
    return this.changes;
  }

  /** Back to the seeded state: every change made through the API is forgotten. */
  reset(): void {
    this.changes++;
    this.users = new Map(this.dataset.users.map((user) => [user.id, user]));
    this.sorted = [...this.pristineSorted];
    this.sortedIsStale = false;
    this.searchText = new Map(this.pristineSearch);
    this.externalReferences = new Map();
  }

  get admin(): UserRecord {
    return this.user(this.dataset.adminUserId)!;
  }

  get member(): UserRecord {
    return this.user(this.dataset.memberUserId)!;
  }

  user(id: string): UserRecord | undefined {
    return this.users.get(id);
  }

  isAdministrator(user: UserRecord): boolean {
    return user.accountMembership?.permission === 'administrator' && !user.disabled;
  }

  /** Whether the viewer's index query would list this user. */
  canList(viewer: Viewer, user: UserRecord): boolean {
    return this.listPredicate(viewer)(user);
  }

  /** canList as a function built once per request: the checks that depend only on the viewer are made up front. */
  listPredicate(viewer: Viewer): (user: UserRecord) => boolean {
    const showDisabled = viewer.showDisabled;
    if (viewer.onMyAccount) {
      return (user) => (showDisabled || !user.disabled) && user.accountMembership !== undefined;
    }
    if (this.isAdministrator(viewer.requester)) {
      // Everyone in a project on the account; outside users are only ever linked through projects.
      return (user) => (showDisabled || !user.disabled) && user.projectIds.length > 0;
    }
    const own = new Set(viewer.requester.projectIds);
    return (user) => (showDisabled || !user.disabled) && user.projectIds.some((project) => own.has(project));
  }

  /** Show routes: the listing rules, and everyone may always see themself. */
  canShow(viewer: Viewer, user: UserRecord): boolean {
    return user.id === viewer.requester.id || this.canList(viewer, user);
  }

  /** All users in `alphabetical:asc` order (the order reflects renames). */
  usersInOrder(): readonly UserRecord[] {
    if (this.sortedIsStale) {
      this.sorted.sort(compareUsers);
      this.sortedIsStale = false;
    }
    return this.sorted;
  }

  searchable(user: UserRecord): { name: string; all: string } {
    return this.searchText.get(user.id) ?? searchEntry(user);
  }

  /** Replaces a user's record (a copy with changes); keeps the order and search text in step. */
  replaceUser(updated: UserRecord): void {
    const previous = this.users.get(updated.id);
    if (!previous) {
      throw new Error(`no user ${updated.id}`);
    }
    this.changes++;
    this.users.set(updated.id, updated);
    const index = this.sorted.indexOf(previous);
    if (index >= 0) {
      this.sorted[index] = updated;
    }
    if (previous.full_name !== updated.full_name) {
      this.sortedIsStale = true;
    }
    this.searchText.set(updated.id, searchEntry(updated));
  }

  externalReference(id: string): ExternalReferenceRecord | undefined {
    return this.externalReferences.get(id);
  }

  addExternalReference(reference: Omit<ExternalReferenceRecord, 'id'>): ExternalReferenceRecord {
    this.changes++;
    const record = { ...reference, id: String(this.nextExternalReferenceId++) };
    this.externalReferences.set(record.id, record);
    return record;
  }

  activeRolesByName(): RoleRecord[] {
    return [...this.roles.values()].filter((role) => role.deleted_at === undefined).sort((a, b) => collator.compare(a.name, b.name) || Number(a.id) - Number(b.id));
  }

  allRolesByName(): RoleRecord[] {
    return [...this.roles.values()].sort((a, b) => collator.compare(a.name, b.name) || Number(a.id) - Number(b.id));
  }
}

function searchEntry(user: UserRecord): { name: string; all: string } {
  const name = foldForSearch(user.full_name);
  return { name, all: `${name}\n${foldForSearch(user.email_address)}\n${foldForSearch(user.headline)}` };
}
