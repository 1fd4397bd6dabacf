import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NetworkOptions } from '../kantata/networkAgents';

export const CA_CERTIFICATES_SETTING = 'kantata.caCertificates';
const NETWORK_SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', CA_CERTIFICATES_SETTING];

export function affectsNetwork(event: vscode.ConfigurationChangeEvent): boolean {
  return NETWORK_SETTINGS.some((setting) => event.affectsConfiguration(setting));
}

export interface NetworkSettings {
  readonly options: NetworkOptions;
  /** CA files that could not be used, each with why: shown to the user once. */
  readonly problems: readonly string[];
}

function expandHome(file: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(os.homedir(), file.slice(1)) : file;
}

/** VS Code's proxy settings (the environment fills in what they leave empty) and our extra CA files. */
export function readNetworkSettings(): NetworkSettings {
  const config = vscode.workspace.getConfiguration();
  const problems: string[] = [];
  const caCertificates: string[] = [];
  for (const file of config.get<string[]>(CA_CERTIFICATES_SETTING) ?? []) {
    if (typeof file !== 'string' || !file.trim()) {
      continue;
    }
    const resolved = expandHome(file.trim());
    try {
      const text = fs.readFileSync(resolved, 'utf8');
      if (!text.includes('-----BEGIN CERTIFICATE-----')) {
        problems.push(`${resolved} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
        continue;
      }
      caCertificates.push(text);
    } catch (error) {
      problems.push(`${resolved} can't be read (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
    }
  }
  return {
    options: {
      proxy: config.get<string>('http.proxy')?.trim() || undefined,
      noProxy: config.get<string[]>('http.noProxy') ?? [],
      strictSSL: config.get<boolean>('http.proxyStrictSSL') ?? true,
      caCertificates,
    },
    problems,
  };
}
