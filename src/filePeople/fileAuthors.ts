/**
 * Who wrote a file, from its git history: each commit's author and its `Co-authored-by:` trailers, one person
 * per address whatever its case (the same address written `Ann@X` and `ann@x`, or under another name, is one
 * person, named as in their latest commit), with how many commits they are in and when they last changed it.
 * No-reply addresses (GitHub's, GitLab's, `noreply@…`) name nobody Kantata could know: they are kept apart and
 * never sent. Pure: no `vscode`, no git; the commits are the few fields this needs of the git extension's.
 * How a person's commits read in the view (`3 commits, last on …`) is here too, in the display language.
 */
import * as l10n from '@vscode/l10n';
import { compareText, formatDate, formatNumber } from '../locale/displayLanguage';

/** The fields of the git extension's `Commit` this reads. */
export interface AuthoredCommit {
  readonly authorName?: string;
  readonly authorEmail?: string;
  readonly authorDate?: Date;
  readonly commitDate?: Date;
  readonly message: string;
}

export interface FileAuthor {
  /** As written in the latest commit that names this person. */
  readonly email: string;
  /** Lower-cased: the key to compare addresses with. */
  readonly emailKey: string;
  readonly name: string;
  /** Commits that name this person, as author or co-author (a commit counts once per person). */
  readonly commits: number;
  readonly lastChange: Date | undefined;
  /** A no-reply address: listed, never looked up. */
  readonly noReply: boolean;
}

/** `Co-authored-by: Name <email>` anywhere in the message, key in any case (git's trailers are case-insensitive). */
const CO_AUTHOR_TRAILER = /^[ \t]*co-authored-by[ \t]*:[ \t]*(.*?)[ \t]*<([^<>\s]+)>[ \t]*$/gim;

/** Hosts and local parts of addresses that reach no one: they identify an account on a forge, not a person. */
const NO_REPLY_HOSTS = ['users.noreply.github.com', 'users.noreply.gitlab.com', 'noreply.gitlab.com', 'users.noreply.bitbucket.org', 'noreply.codeberg.org'];
const NO_REPLY_LOCAL = /^(no-?reply|do-?not-?reply|donotreply)(\+.*)?$/i;

export function isNoReplyAddress(email: string): boolean {
  const at = email.lastIndexOf('@');
  if (at <= 0) {
    return true; // Not an address at all (`unknown`, a bare name): nothing to look up either.
  }
  const local = email.slice(0, at);
  const host = email.slice(at + 1).toLowerCase();
  return NO_REPLY_LOCAL.test(local) || NO_REPLY_HOSTS.some((known) => host === known || host.endsWith(`.${known}`));
}

/** The co-authors a commit message names, in order. */
export function coAuthorsOf(message: string): { name: string; email: string }[] {
  return [...message.matchAll(CO_AUTHOR_TRAILER)].map((match) => ({ name: (match[1] ?? '').trim(), email: (match[2] ?? '').trim() }));
}

interface Tally {
  email: string;
  name: string;
  commits: number;
  lastChange: Date | undefined;
  /** When the shown name and email were written: a later commit's replace them. */
  namedAt: number;
}

/** The people of `commits` (newest first or not: dates decide), most recent change first, then by name. */
export function fileAuthors(commits: readonly AuthoredCommit[]): FileAuthor[] {
  const tallies = new Map<string, Tally>();
  commits.forEach((commit, index) => {
    // git's log is newest first: without dates, an earlier entry is the more recent one.
    const when = commit.authorDate ?? commit.commitDate;
    const order = when ? when.getTime() : -index;
    const named = new Set<string>();
    const people = [{ name: commit.authorName ?? '', email: commit.authorEmail ?? '' }, ...coAuthorsOf(commit.message)];
    for (const person of people) {
      const email = person.email.trim();
      const key = email.toLowerCase();
      if (!email || named.has(key)) {
        continue;
      }
      named.add(key);
      const tally = tallies.get(key) ?? { email, name: person.name, commits: 0, lastChange: undefined, namedAt: Number.NEGATIVE_INFINITY };
      tally.commits++;
      if (when && (!tally.lastChange || when > tally.lastChange)) {
        tally.lastChange = when;
      }
      if (order > tally.namedAt) {
        tally.namedAt = order;
        tally.email = email;
        tally.name = person.name.trim() || tally.name;
      }
      tallies.set(key, tally);
    }
  });
  return [...tallies.entries()]
    .map(([emailKey, tally]) => ({
      email: tally.email,
      emailKey,
      name: tally.name || tally.email,
      commits: tally.commits,
      lastChange: tally.lastChange,
      noReply: isNoReplyAddress(tally.email),
    }))
    .sort(byLastChange);
}

/** Most recent change first; people without a date last; then by name. */
export function byLastChange(a: Pick<FileAuthor, 'lastChange' | 'name'>, b: Pick<FileAuthor, 'lastChange' | 'name'>): number {
  const difference = (b.lastChange?.getTime() ?? Number.NEGATIVE_INFINITY) - (a.lastChange?.getTime() ?? Number.NEGATIVE_INFINITY);
  return difference !== 0 && !Number.isNaN(difference) ? difference : compareText(a.name, b.name);
}

/** `2 Dec 2024` in the display language. */
function longDate(date: Date): string {
  return formatDate(date, { dateStyle: 'medium' });
}

/** `3 commits, 2 Dec` (the year too when it is not this year): short enough for a row, after the week ahead. */
export function shortCommitsText(author: Pick<FileAuthor, 'commits' | 'lastChange'>, now = new Date()): string {
  const count = formatNumber(author.commits);
  const one = author.commits === 1;
  if (!author.lastChange) {
    return one ? l10n.t('{0} commit', count) : l10n.t('{0} commits', count);
  }
  const thisYear = author.lastChange.getFullYear() === now.getFullYear();
  const date = thisYear ? formatDate(author.lastChange, { day: 'numeric', month: 'short' }) : longDate(author.lastChange);
  return one ? l10n.t('{0} commit, {1}', count, date) : l10n.t('{0} commits, {1}', count, date);
}

/** `3 commits, last on 2 Dec 2024`. */
export function commitsText(author: Pick<FileAuthor, 'commits' | 'lastChange'>): string {
  const count = formatNumber(author.commits);
  const one = author.commits === 1;
  if (!author.lastChange) {
    return one ? l10n.t('{0} commit', count) : l10n.t('{0} commits', count);
  }
  const date = longDate(author.lastChange);
  return one ? l10n.t('{0} commit, last on {1}', count, date) : l10n.t('{0} commits, last on {1}', count, date);
}
