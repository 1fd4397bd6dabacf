import { pageHtml } from '../profile/profileHtml';

export interface AvailabilityShell {
  /** `webview.cspSource`: the only origin styles may come from (images: data: URLs only). */
  readonly cspSource: string;
  /** A fresh random value per load; only scripts carrying it run. */
  readonly nonce: string;
  /** The page's script and style sheet, written into the page (see ProfileShell). */
  readonly script: string;
  readonly style: string;
  readonly title: string;
}

/**
 * The Team Availability page's empty frame, with the same policy as the profile page: no data from Kantata
 * in it except the escaped title; the script (dist/availability.js) builds the grid from messages, as text.
 */
export function availabilityHtml(shell: AvailabilityShell): string {
  return pageHtml(shell, '', '<main id="availability-root"></main>');
}
