import * as assert from 'node:assert/strict';
import { coAuthorsOf, commitsText, fileAuthors, isNoReplyAddress, shortCommitsText, type AuthoredCommit } from '../../src/filePeople/fileAuthors';

const day = (n: number) => new Date(Date.UTC(2026, 0, n, 12));
const commit = (authorName: string, authorEmail: string, date: Date | undefined, message = 'Change'): AuthoredCommit => ({ authorName, authorEmail, authorDate: date, message });
const summary = (commits: readonly AuthoredCommit[]) =>
  fileAuthors(commits).map((author) => [author.name, author.email, author.commits, author.lastChange?.toISOString().slice(0, 10), author.noReply]);

describe('fileAuthors: the people of a file from its git history', () => {
  it('counts each author\u2019s commits and keeps their last change, most recent first', () => {
    const commits = [commit('Ann', 'ann@x.example', day(5)), commit('Bob', 'bob@x.example', day(9)), commit('Ann', 'ann@x.example', day(2))];
    assert.deepEqual(summary(commits), [
      ['Bob', 'bob@x.example', 1, '2026-01-09', false],
      ['Ann', 'ann@x.example', 2, '2026-01-05', false],
    ]);
  });

  it('counts co-authors from Co-authored-by trailers, key in any case, and a commit once per person', () => {
    const message = 'Fix the parser\n\nLonger text.\n\nCo-authored-by: Cleo Park <cleo@x.example>\nco-authored-by:Dev Rao   <dev@x.example>  \nCO-AUTHORED-BY: Ann <ANN@x.example>\n';
    const authors = fileAuthors([commit('Ann', 'ann@x.example', day(3), message)]);
    assert.deepEqual(authors.map((author) => [author.name, author.email, author.commits]).sort(), [
      ['Ann', 'ann@x.example', 1],
      ['Cleo Park', 'cleo@x.example', 1],
      ['Dev Rao', 'dev@x.example', 1],
    ]);
    assert.ok(authors.every((author) => author.lastChange?.getTime() === day(3).getTime()));
  });

  it('reads only well-formed trailers at the start of a line', () => {
    assert.deepEqual(coAuthorsOf('Co-authored-by: Ann <ann@x.example>'), [{ name: 'Ann', email: 'ann@x.example' }]);
    assert.deepEqual(coAuthorsOf('Mentions Co-authored-by: Ann <ann@x.example> in a sentence'), []);
    assert.deepEqual(coAuthorsOf('Co-authored-by: Ann'), []);
    assert.deepEqual(coAuthorsOf('Co-authored-by: Ann <ann x.example>'), []);
    assert.deepEqual(coAuthorsOf('Signed-off-by: Ann <ann@x.example>'), []);
  });

  it('one person per address whatever its case or name (mailmap-style duplicates), named as in their latest commit', () => {
    const commits = [
      commit('Ann Lee', 'Ann.Lee@X.example', day(8)),
      commit('ann', 'ann.lee@x.example', day(1)),
      commit('A. Lee', 'ann.lee@x.example', day(4)),
    ];
    const [ann, ...others] = fileAuthors(commits);
    assert.deepEqual(others, []);
    assert.equal(ann?.name, 'Ann Lee');
    assert.equal(ann?.email, 'Ann.Lee@X.example', 'the address as the latest commit wrote it');
    assert.equal(ann?.emailKey, 'ann.lee@x.example');
    assert.equal(ann?.commits, 3);
    assert.equal(ann?.lastChange?.getTime(), day(8).getTime());
  });

  it('without dates, git\u2019s order (newest first) decides the name', () => {
    const [author] = fileAuthors([commit('New Name', 'a@x.example', undefined), commit('Old Name', 'a@x.example', undefined)]);
    assert.equal(author?.name, 'New Name');
    assert.equal(author?.lastChange, undefined);
  });

  it('marks no-reply addresses (listed, never looked up)', () => {
    for (const address of [
      '12345+octocat@users.noreply.github.com',
      'octocat@users.noreply.github.com',
      'noreply@github.com',
      '49699333+dependabot[bot]@users.noreply.github.com',
      'jane@users.noreply.gitlab.com',
      'no-reply@example.com',
      'NoReply@example.com',
      'do-not-reply@example.com',
      'unknown',
    ]) {
      assert.equal(isNoReplyAddress(address), true, address);
    }
    for (const address of ['ann@x.example', 'noreplyfan@x.example', 'octocat@github.com', 'jane@gitlab.com', 'reply@x.example']) {
      assert.equal(isNoReplyAddress(address), false, address);
    }
    const authors = fileAuthors([commit('Octo', '1+octo@users.noreply.github.com', day(2)), commit('Ann', 'ann@x.example', day(1))]);
    assert.deepEqual(authors.map((author) => [author.name, author.noReply]), [['Octo', true], ['Ann', false]]);
  });

  it('skips commits without an address, and names an author without a name by their address', () => {
    assert.deepEqual(summary([commit('', 'ann@x.example', day(1)), { message: 'no author' }]), [['ann@x.example', 'ann@x.example', 1, '2026-01-01', false]]);
  });

  it('no commits, no people', () => {
    assert.deepEqual(fileAuthors([]), []);
  });

  it('says how many commits and when: the date short in a row (the year only when it is another), long in the tooltip', () => {
    const lastChange = new Date(2025, 11, 2, 12);
    assert.equal(commitsText({ commits: 1, lastChange: undefined }), '1 commit');
    assert.equal(commitsText({ commits: 3, lastChange }), '3 commits, last on Dec 2, 2025');
    assert.equal(shortCommitsText({ commits: 3, lastChange }, new Date(2025, 11, 24)), '3 commits, Dec 2');
    assert.equal(shortCommitsText({ commits: 1, lastChange }, new Date(2026, 0, 2)), '1 commit, Dec 2, 2025');
  });
});
