import * as vscode from 'vscode';
import type { KantataSession } from '../accounts/session';
import type { WeekAheadStore } from '../capacity/weekAheadStore';
import type { PhotoSource } from '../teammates/teammatesTreeProvider';
import { EmailMatches } from './emailMatches';
import { FilePeopleStore } from './filePeopleStore';
import { FilePeopleView } from './filePeopleView';
import { GitHistory } from './gitHistory';

/** People in This File: the git history adapter, the session's address matches, the store and the view. */
export function registerFilePeople(
  context: vscode.ExtensionContext,
  session: KantataSession,
  weekAhead: WeekAheadStore,
  photos: PhotoSource,
  log: vscode.LogOutputChannel,
): { filePeople: FilePeopleStore; filePeopleView: FilePeopleView } {
  const git = new GitHistory();
  const filePeople = new FilePeopleStore({ session, git, matches: new EmailMatches(), weekAhead, log });
  const filePeopleView = new FilePeopleView(filePeople, session, weekAhead, photos);
  // Disposed last registered first: the view, then the store, then git's listeners.
  context.subscriptions.push(git, filePeople, filePeopleView);
  return { filePeople, filePeopleView };
}
