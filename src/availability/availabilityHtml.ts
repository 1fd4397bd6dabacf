import { contentSecurityPolicy, escapeHtml } from '../profile/profileHtml';

export interface AvailabilityShell {
  /** `webview.cspSource`: the only origin styles may come from (images: data: URLs only). */
  readonly cspSource: string;
  /** A fresh random value per load; only scripts carrying it run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/**
 * The Team Availability page's empty frame, with the same policy as the profile page: no data from Kantata
 * in it except the escaped title; the script (dist/availability.js) builds the grid from messages, as text.
 */
export function availabilityHtml(shell: AvailabilityShell): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(shell.cspSource, shell.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(shell.styleUri)}">
<title>${escapeHtml(shell.title)}</title>
</head>
<body>
<main id="availability-root"></main>
<script nonce="${escapeHtml(shell.nonce)}" src="${escapeHtml(shell.scriptUri)}"></script>
</body>
</html>`;
}
