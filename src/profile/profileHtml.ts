import { pageLanguage } from '../locale/displayLanguage';

/** Escapes text for HTML text and attribute values. The shell is the only HTML string the extension writes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export interface ProfileShell {
  /** `webview.cspSource`: the only origin styles and fonts may come from (images: data: URLs only). */
  readonly cspSource: string;
  /** A fresh random value per load; only scripts carrying it run. */
  readonly nonce: string;
  /**
   * The page's script (dist/webview.js) and style sheet, written into the page rather than linked: a linked file
   * is one more fetch through the webview's service worker before the page can show anything (about 200 ms in
   * code-server). Both carry the nonce; esbuild.js checks the scripts hold no `</script` or `<!--`.
   */
  readonly script: string;
  readonly style: string;
  readonly title: string;
  readonly userId: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // The photo is sent with the profile as a data: URL (PhotoCache.readAsDataUrl); nothing else is an image.
    'img-src data:',
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/**
 * The display language for the page's script (src/locale/pageLanguage.ts): `<html lang>` and, when not
 * English, the translations as JSON in `data-l10n`. Data, not script: the policy runs only our own file.
 */
function languageAttributes(): { html: string; body: string } {
  const { language, bundle } = pageLanguage();
  return { html: ` lang="${escapeHtml(language)}"`, body: bundle ? ` data-l10n="${escapeHtml(JSON.stringify(bundle))}"` : '' };
}

/** A page's frame with our policy: the escaped title, the style sheet, `body` (static markup), the script. */
export function pageHtml(shell: Omit<ProfileShell, 'userId'>, bodyAttributes: string, body: string): string {
  const language = languageAttributes();
  return `<!DOCTYPE html>
<html${language.html}>
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(shell.cspSource, shell.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${escapeHtml(shell.nonce)}">${shell.style.replace(/<\/style/gi, '<\\/style')}</style>
<title>${escapeHtml(shell.title)}</title>
</head>
<body${bodyAttributes}${language.body}>
${body}
<script nonce="${escapeHtml(shell.nonce)}">${shell.script}</script>
</body>
</html>`;
}

/**
 * The page's empty frame: no data from Kantata in it except the escaped title. The script fills it from
 * messages, building the DOM from text.
 */
export function profileHtml(shell: ProfileShell): string {
  return pageHtml(shell, ` data-user-id="${escapeHtml(shell.userId)}"`, '<main>\n<div id="profile" aria-live="polite"></div>\n<div id="capacity-root"></div>\n</main>');
}

/** 32 random characters for the CSP nonce. */
export function makeNonce(random: (size: number) => Uint8Array): string {
  return Array.from(random(24), (byte) => byte.toString(36).padStart(2, '0')).join('').slice(0, 32);
}
