import * as vscode from 'vscode';
import { DEFAULT_BASE_URL } from '../kantata/baseUrl';
import { Settings } from '../shared/ids';

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
