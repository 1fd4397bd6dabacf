import { KantataError } from '../kantata/errors';
import { User } from '../kantata/types';
import { TeammateGroup } from './teammateGrouping';

/** The elements of the Teammates tree. */
export type TeammateNode = GroupNode | UserNode | LoadMoreNode | NoticeNode;

export interface GroupNode {
  readonly kind: 'group';
  readonly group: TeammateGroup;
  /** Set on the "This project" group: the linked project, whose people it holds. */
  readonly projectId?: string;
}

export interface UserNode {
  readonly kind: 'user';
  readonly user: User;
  /** The group it is shown in; undefined when the tree is not grouped. */
  readonly parent: GroupNode | undefined;
}

/** Stands for the users of a big group not shown yet; clicking it shows more. */
export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly parent: GroupNode | undefined;
  readonly remaining: number;
}

/**
 * A message row: loading, a failed load (with the error's actions), a warning above stale data, or (`info`)
 * that a linked project shows nobody.
 */
export interface NoticeNode {
  readonly kind: 'notice';
  readonly severity: 'loading' | 'error' | 'warning' | 'info';
  readonly message: string;
  readonly error?: KantataError;
  /** Set on the rows in the "This project" group: their Retry reloads only that group, `info` offers Unlink. */
  readonly projectId?: string;
}

/** Big groups show this many users at first, and this many more per "Load more". */
export const GROUP_PAGE_SIZE = 500;
