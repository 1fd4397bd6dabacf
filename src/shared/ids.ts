/**
 * Every name the extension shares with VS Code and package.json: commands, views, context keys, tree item
 * context values, settings, webview types and storage keys. Written here once and imported everywhere;
 * test/unit/manifest.test.ts checks this module against package.json both ways. No `vscode` import: the
 * webview's browser bundle uses the command ids too.
 */

export const Commands = {
  signIn: 'kantata.signIn',
  signOut: 'kantata.signOut',
  switchAccount: 'kantata.switchAccount',
  showLogs: 'kantata.showLogs',
  refreshTeammates: 'kantata.refreshTeammates',
  findTeammate: 'kantata.findTeammate',
  findBySkill: 'kantata.findBySkill',
  copyEmail: 'kantata.copyEmail',
  retryTeammates: 'kantata.teammates.retry',
  loadMoreTeammates: 'kantata.teammates.loadMore',
  openTeammateRow: 'kantata.teammates.openRow',
  groupByRole: 'kantata.teammates.groupByRole',
  groupByRoleSelected: 'kantata.teammates.groupByRole.selected',
  groupByClassification: 'kantata.teammates.groupByClassification',
  groupByClassificationSelected: 'kantata.teammates.groupByClassification.selected',
  groupByCountry: 'kantata.teammates.groupByCountry',
  groupByCountrySelected: 'kantata.teammates.groupByCountry.selected',
  groupByNone: 'kantata.teammates.groupByNone',
  groupByNoneSelected: 'kantata.teammates.groupByNone.selected',
  openProfile: 'kantata.openProfile',
  /** A teammate's row clicked: their profile in the preview panel (not in the palette). */
  previewProfile: 'kantata.profile.preview',
  keepProfileOpen: 'kantata.profile.keepOpen',
  showCapacity: 'kantata.showCapacity',
  showMyCapacity: 'kantata.showMyCapacity',
  updateUser: 'kantata.updateUser',
  updateProfilePhoto: 'kantata.updateProfilePhoto',
  resetProfilePhoto: 'kantata.resetProfilePhoto',
  showTeamAvailability: 'kantata.showTeamAvailability',
  linkProject: 'kantata.linkProject',
  unlinkProject: 'kantata.unlinkProject',
  whoWorkedOnFile: 'kantata.whoWorkedOnFile',
  refreshFilePeople: 'kantata.filePeople.refresh',
  retryFilePeople: 'kantata.filePeople.retry',
  openFilePersonRow: 'kantata.filePeople.openRow',
} as const;

/** The activity-bar container, its views, and the Teammates view's Group By submenu. */
export const Views = {
  container: 'kantata',
  teammates: 'kantata.teammates',
  filePeople: 'kantata.peopleInFile',
  groupByMenu: 'kantata.teammates.groupBy',
} as const;

/** Keys set with `setContext`, read by `when` clauses. */
export const ContextKeys = {
  signedIn: 'kantata.signedIn',
  teammatesEmpty: 'kantata.teammates.empty',
  /** What People in This File shows: a FilePeopleState kind (its welcome texts depend on it). */
  filePeopleState: 'kantata.filePeople.state',
  /** The active editor is the profile preview panel (its editor title offers Keep Open). */
  profilePreviewActive: 'kantata.profilePreviewActive',
} as const;

/** Words of tree items' `contextValue`, matched by `viewItem =~ /\bword\b/` in the menus. */
export const TreeItemContexts = {
  group: 'kantata.group',
  user: 'kantata.user',
  userWithEmail: 'kantata.hasEmail',
  loadMore: 'kantata.loadMore',
  notice: 'kantata.notice',
  /** Followed by the remedy: `remedy.retry`, `remedy.signIn`, … */
  remedyPrefix: 'remedy.',
} as const;

export const Settings = {
  baseUrl: 'kantata.baseUrl',
  requestTimeoutSeconds: 'kantata.requestTimeoutSeconds',
  teammatesScope: 'kantata.teammates.scope',
  teammatesShowDisabled: 'kantata.teammates.showDisabled',
  teammatesGroupBy: 'kantata.teammates.groupBy',
  teammatesRememberList: 'kantata.teammates.rememberList',
  caCertificates: 'kantata.caCertificates',
  capacityDefaultRange: 'kantata.capacity.defaultRange',
  availabilityDefaultRange: 'kantata.availability.defaultRange',
  availabilityMaxConcurrentRequests: 'kantata.availability.maxConcurrentRequests',
  projectId: 'kantata.projectId',
} as const;

/** The authentication provider's id (`contributes.authentication`). */
export const AUTHENTICATION_PROVIDER_ID = 'kantata';
export const PROFILE_WEBVIEW_TYPE = 'kantata.profile';
export const AVAILABILITY_WEBVIEW_TYPE = 'kantata.availability';
export const STATUS_BAR_ITEM_ID = 'kantata.account';

/** Keys in the extension's global state and secret storage. */
export const StorageKeys = {
  accounts: 'kantata.accounts',
  activeAccounts: 'kantata.activeAccounts',
  /** Followed by the account's key: one secret per account. */
  tokenPrefix: 'kantata.account:',
} as const;
