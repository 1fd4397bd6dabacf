import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** No `vscode` here: the unit tests check every kind of bad file. */

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

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return "doesn't exist";
    case 'EACCES':
    case 'EPERM':
      return `can't be read (permission denied, ${code})`;
    default:
      return `can't be read (${code ?? String(error)})`;
  }
}

/** Why one CA file can't be used, or its PEM text. Never throws, never blocks on a pipe or a device. */
export function readCaFile(file: string): { pem: string } | { problem: string } {
  const resolved = expandHome(file.trim());
  if (!path.isAbsolute(resolved)) {
    return { problem: `${resolved} is not a full path (write it like /etc/ssl/certs/company-ca.pem).` };
  }
  let text: string;
  try {
    const stat = fs.statSync(resolved);
    if (stat.isDirectory()) {
      return { problem: `${resolved} is a folder, not a PEM file.` };
    }
    if (!stat.isFile()) {
      return { problem: `${resolved} is not a regular file.` };
    }
    if (stat.size > MAX_CA_FILE_BYTES) {
      return { problem: `${resolved} is larger than ${MAX_CA_FILE_BYTES / 1024 / 1024} MB: not a certificate file.` };
    }
    text = fs.readFileSync(resolved, 'utf8');
  } catch (error) {
    return { problem: `${resolved} ${describeReadError(error)}.` };
  }
  const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (blocks.length === 0) {
    return { problem: `${resolved} holds no PEM certificate (-----BEGIN CERTIFICATE-----).` };
  }
  for (const [index, block] of blocks.entries()) {
    try {
      new X509Certificate(block);
    } catch (error) {
      const which = blocks.length > 1 ? `its certificate number ${index + 1}` : 'its certificate';
      return { problem: `${resolved}: ${which} can't be read (${error instanceof Error ? error.message : String(error)}).` };
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
