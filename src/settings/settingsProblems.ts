import * as vscode from 'vscode';
import { parseBaseUrl } from '../kantata/baseUrl';
import { isKantataError } from '../kantata/errors';
import { proxySettingProblem } from '../kantata/networkAgents';
import { notifyProblem } from '../shared/errorNotification';
import { PROXY_SETTING, readHostProxySupport, openSetting, readConnectionSettings } from './connectionSettings';
import { Settings } from '../shared/ids';

export interface SettingProblem {
  readonly setting: string;
  /** Names the setting, what is wrong with its value, and what to write instead. */
  readonly message: string;
}

/**
 * What is wrong with the base URL and proxy settings, which nothing reads at start-up otherwise (the client
 * is made with the first request). The CA files and `http.proxyStrictSSL` are reported by the session when
 * it reads them (`readNetworkSettings`).
 */
export function connectionSettingProblems(): SettingProblem[] {
  const problems: SettingProblem[] = [];
  try {
    parseBaseUrl(readConnectionSettings().baseUrl);
  } catch (error) {
    const problem = isKantataError(error) ? error.userMessage : String(error);
    problems.push({
      setting: Settings.baseUrl,
      message: vscode.l10n.t({ message: '{0} Fix the {1} setting.', args: [problem, Settings.baseUrl], comment: ['{0} is a whole sentence saying what is wrong; {1} is the setting id'] }),
    });
  }
  const config = vscode.workspace.getConfiguration();
  const proxy = config.get<unknown>(PROXY_SETTING);
  const message = typeof proxy === 'string' ? proxySettingProblem(proxy, readHostProxySupport(config)) : undefined;
  if (message) {
    problems.push({ setting: PROXY_SETTING, message });
  }
  return problems;
}

/**
 * Where the connection settings are read from, in the log: in a remote window VS Code ignores machine settings
 * written in User settings, which is otherwise invisible (the value is simply not there).
 */
export function settingsSourcesText(remoteName: string | undefined, trusted: boolean): string {
  const where = remoteName
    ? `a remote window (${remoteName}): ${Settings.baseUrl} from User, Remote or workspace settings; ${Settings.caCertificates} from Remote settings only (VS Code ignores machine settings written in User settings here)`
    : `${Settings.baseUrl} from User or workspace settings; ${Settings.caCertificates} from User settings`;
  return `Settings: ${where}.${trusted ? '' : ` Restricted Mode: the workspace's ${Settings.baseUrl} and ${Settings.projectId} are ignored until it is trusted.`}`;
}

/** Logs each problem and shows it as a warning whose "Open Settings" goes to the setting. Never throws. */
export function reportConnectionSettingProblems(log: vscode.LogOutputChannel): void {
  log.info(settingsSourcesText(vscode.env.remoteName, vscode.workspace.isTrusted));
  let problems: SettingProblem[];
  try {
    problems = connectionSettingProblems();
  } catch (error) {
    log.error(`Checking the settings failed: ${String(error)}`);
    return;
  }
  for (const { setting, message } of problems) {
    log.warn(`${setting}: ${message}`);
    notifyProblem('warning', message, [vscode.l10n.t('Open Settings')], () => openSetting(setting));
  }
}
