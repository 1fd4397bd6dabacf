// The webview's handle on VS Code: messages to the extension, and the state kept for a restored panel.
import type { AvailabilityPanelState, FromWebview } from '../protocol';

export interface VsCodeApi {
  postMessage(message: FromWebview): void;
  getState(): unknown;
  setState(state: AvailabilityPanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Once per page: VS Code refuses a second call. */
export const vscode: VsCodeApi = acquireVsCodeApi();
