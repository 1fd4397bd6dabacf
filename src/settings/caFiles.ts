import * as l10n from '@vscode/l10n';
import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** No `vscode` here: the unit tests check every kind of bad file (so `l10n.t` from `@vscode/l10n`, the same bundle). */

/** Larger than any bundle of CAs (the whole Mozilla store is about 200 KB): not a certificate file. */
const MAX_CA_FILE_BYTES = 10 * 1024 * 1024;

export interface CaFiles {
  /** The PEM text of each usable file. */
  readonly certificates: readonly string[];
  /** One sentence per file that can't be used, naming the file and why. */
  readonly problems: readonly string[];
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

function describeReadError(file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return l10n.t("{0} doesn't exist.", file);
    case 'EACCES':
    case 'EPERM':
      return l10n.t("{0} can't be read (permission denied, {1}).", file, code);
    default:
      return l10n.t("{0} can't be read ({1}).", file, code ?? String(error));
  }
}

/** Why one CA file can't be used, or its PEM text. Never throws, never blocks on a pipe or a device. */
export function readCaFile(file: string): { pem: string } | { problem: string } {
  const resolved = expandHome(file.trim());
  if (!path.isAbsolute(resolved)) {
    return { problem: l10n.t('{0} is not a full path (write it like /etc/ssl/certs/company-ca.pem).', resolved) };
  }
  let text: string;
  try {
    const stat = fs.statSync(resolved);
    if (stat.isDirectory()) {
      return { problem: l10n.t('{0} is a folder, not a PEM file.', resolved) };
    }
    if (!stat.isFile()) {
      return { problem: l10n.t('{0} is not a regular file.', resolved) };
    }
    if (stat.size > MAX_CA_FILE_BYTES) {
      return { problem: l10n.t('{0} is larger than {1} MB: not a certificate file.', resolved, MAX_CA_FILE_BYTES / 1024 / 1024) };
    }
    text = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    return { problem: describeReadError(resolved, error) };
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return { problem: l10n.t('{0} holds no PEM certificate (-----BEGIN CERTIFICATE-----).', resolved) };
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return {
        problem:
          blocks.length > 1
            ? l10n.t("{0}: its certificate number {1} can't be read ({2}).", resolved, index + 1, reason)
            : l10n.t("{0}: its certificate can't be read ({1}).", resolved, reason),
      };
    }
  }
  return { pem: text };
}

/** The files of `kantata.caCertificates`: what is usable, and a sentence for each file that is not. */
export function readCaFiles(files: readonly string[]): CaFiles {
  const certificates: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    if (!file.trim()) {
      continue;
    }
    const result = readCaFile(file);
    if ('pem' in result) {
      certificates.push(result.pem);
    } else {
      problems.push(result.problem);
    }
  }
  return { certificates, problems };
}
