import type { KantataTestApi } from '../../../src/testApi';
import type { GroupBy } from '../../../src/teammates/teammateGrouping';
import type { TeammateNode, UserNode } from '../../../src/teammates/teammateNodes';
import { waitFor } from './extensionUnderTest';

/** Every row the tree shows now, as VS Code would ask for them: the roots, then each group's rows. */
export function shownRows(api: KantataTestApi): TeammateNode[] {
  return api.teammatesTree.roots().flatMap((node) => (node.kind === 'group' ? [node, ...api.teammatesTree.children(node)] : [node]));
}

/** The row of a user among the shown ones (the first page of each group). */
export function rowOf(api: KantataTestApi, userId: string): UserNode | undefined {
  return shownRows(api).find((node): node is UserNode => node.kind === 'user' && node.user.id === userId);
}

/** Waits until the tree's top level is grouped as asked (a Group By command only writes the setting). */
export async function waitForGrouping(api: KantataTestApi, groupBy: GroupBy): Promise<void> {
  const shows = (): boolean => {
    const groups = api.teammatesTree.roots().filter((node) => node.kind === 'group');
    if (groupBy === 'none') {
      return groups.length === 0 && api.teammatesTree.roots().some((node) => node.kind === 'user');
    }
    return groups.length > 0 && groups.every((node) => node.group.key.startsWith(`${groupBy}:`));
  };
  await waitFor(shows, `the tree to be grouped by ${groupBy}`);
}
