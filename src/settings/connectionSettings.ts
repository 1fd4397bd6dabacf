import * as vscode from 'vscode';
import { HostProxySupport, NetworkOptions } from '../kantata/networkAgents';
import { readCaFiles } from './caFiles';
import { Settings } from '../shared/ids';
import { DEFAULT_BASE_URL } from '../kantata/baseUrl';

export const PROXY_SETTING = 'http.proxy';
const NETWORK_SETTINGS = [PROXY_SETTING, 'http.noProxy', 'http.proxyStrictSSL', 'http.proxySupport', Settings.caCertificates];
const PROXY_SUPPORT_VALUES: readonly string[] = ['off', 'on', 'fallback', 'override'] satisfies HostProxySupport[];

export function affectsNetwork(event: vscode.ConfigurationChangeEvent): boolean {
  return NETWORK_SETTINGS.some((setting) => event.affectsConfiguration(setting));
}

export interface NetworkSettings {
  readonly options: NetworkOptions;
  /** CA files that could not be used, each naming the file and why: shown to the user once. */
  readonly problems: readonly string[];
}

/** A list setting as written by hand: a single string counts as a one-item list; anything else is dropped. */
function stringList(value: unknown): string[] {
  if (typeof value === 'string') {
    return [value];
  }
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/**
 * VS Code's `http.proxySupport` as its extension host reads it for our requests (remote: the merged value;
 * it is an application setting, so workspaces can't change it).
 */
export function readHostProxySupport(config = vscode.workspace.getConfiguration()): HostProxySupport | undefined {
  const value = config.get<unknown>('http.proxySupport');
  return typeof value === 'string' && PROXY_SUPPORT_VALUES.includes(value) ? (value as HostProxySupport) : undefined;
}

/** VS Code's proxy settings (the environment fills in what they leave empty) and our extra CA files. */
export function readNetworkSettings(): NetworkSettings {
  const config = vscode.workspace.getConfiguration();
  const { certificates, problems } = readCaFiles(stringList(config.get<unknown>(Settings.caCertificates)));
  const proxy = config.get<unknown>(PROXY_SETTING);
  return {
    options: {
      proxy: (typeof proxy === 'string' && proxy.trim()) || undefined,
      noProxy: stringList(config.get<unknown>('http.noProxy')).flatMap((entry) => entry.split(/[\s,]+/)).filter(Boolean),
      // Only an explicit `false` turns the checks off.
      strictSSL: config.get<unknown>('http.proxyStrictSSL') !== false,
      caCertificates: certificates,
      caCertificatesSetting: Settings.caCertificates,
      hostProxySupport: readHostProxySupport(config),
    },
    problems,
  };
}

/** The settings that decide where and how the client talks to Kantata. */
export interface ConnectionSettings {
  /** As configured (trimmed, trailing slashes removed); checked by the client when it is built. */
  readonly baseUrl: string;
  readonly timeoutMs: number;
}

export function readConnectionSettings(): ConnectionSettings {
  const config = vscode.workspace.getConfiguration();
  const baseUrl = (config.get<string>(Settings.baseUrl) ?? '').trim().replace(/\/+$/, '') || DEFAULT_BASE_URL;
  const seconds = config.get<number>(Settings.requestTimeoutSeconds) ?? 30;
  // A hand-edited settings.json can hold anything: keep the time-out within what the schema allows.
  const timeoutMs = Number.isFinite(seconds) ? Math.min(300, Math.max(1, seconds)) * 1000 : 30_000;
  return { baseUrl, timeoutMs };
}

export function affectsConnection(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(Settings.baseUrl) || event.affectsConfiguration(Settings.requestTimeoutSeconds);
}

export async function openSetting(id: string): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.openSettings', id);
}
