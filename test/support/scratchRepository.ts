// A git repository made for a test, with commits written by whom the test says (name, address, a day each):
// the extension-host and workbench tests of "People in this file" read its history through VS Code's git.
// No `vscode` import: the workbench scenarios build one before code-server starts.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitAuthor {
  readonly name: string;
  readonly email: string;
}

const GIT = '/usr/bin/git';

export class ScratchRepository {
  private day = 0;

  /** Makes `root` an empty repository (removing what was there). */
  constructor(readonly root: string) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.mkdirSync(root, { recursive: true });
    this.git({}, 'init', '-q');
  }

  /** Appends a line to `file` and commits it as `author`, one day after the previous commit (January 2026). */
  commit(file: string, author: GitAuthor, message = `Change ${file}`): void {
    fs.mkdirSync(path.dirname(path.join(this.root, file)), { recursive: true });
    fs.appendFileSync(path.join(this.root, file), `// ${message.split('\n')[0]}\n`);
    this.day++;
    const date = `2026-01-${String(this.day).padStart(2, '0')}T12:00:00Z`;
    const env = { GIT_AUTHOR_NAME: author.name, GIT_AUTHOR_EMAIL: author.email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
    this.git(env, 'add', file);
    this.git(env, 'commit', '-q', '-m', message);
  }

  /** The full path of a file in the repository. */
  path(file: string): string {
    return path.join(this.root, file);
  }

  private git(env: Record<string, string>, ...args: string[]): void {
    execFileSync(GIT, ['-c', 'user.name=Test Runner', '-c', 'user.email=runner@elsewhere.example', '-c', 'commit.gpgsign=false', ...args], {
      cwd: this.root,
      env: { ...process.env, GIT_COMMITTER_NAME: 'Test Runner', GIT_COMMITTER_EMAIL: 'runner@elsewhere.example', ...env },
      stdio: 'pipe',
    });
  }
}
