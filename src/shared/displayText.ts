/**
 * Text from Kantata (names, headlines, emails, a server's messages) is data: it must reach the screen as the
 * same text. Some of VS Code's surfaces interpret the strings they are given (VS Code 1.100):
 * - QuickPick labels, descriptions and details, status-bar text and input-box messages draw `$(name)` as an
 *   icon (`renderLabelWithIcons`), unless it is written `\$(name)`;
 * - notifications (progress titles included) and input-box prompts and validation messages make
 *   `[label](https:…|command:…|file:…)` a link, and run a `command:` link's command when it is clicked
 *   (`parseLinkedText`, opened with allowCommands).
 * These helpers neutralise that syntax without changing what is shown. Plain surfaces (tree labels and
 * descriptions, titles, dialogs, the webview's text nodes) need nothing.
 */

/** ThemeIcon syntax: VS Code's iconNameExpression and iconModifierExpression (`$(name)`, `$(name~spin)`). */
const THEME_ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * For surfaces that draw icons: `$(name)` becomes `\$(name)`, which VS Code shows as the text `$(name)`.
 * Every occurrence gets its own backslash, even one already preceded by a backslash (that one is then shown).
 */
export function escapeThemeIcons(text: string): string {
  return text.replace(THEME_ICON, (icon) => `\\${icon}`);
}

/**
 * For notifications: `[label](target)` needs `](` side by side to be a link; a zero-width space between them
 * keeps the text as it looks and makes no link.
 */
export function breakMessageLinks(text: string): string {
  return text.replace(/\]\(/g, ']\u200B(');
}

/** A notification's message or a progress notification's title. */
export function notificationText(text: string): string {
  return breakMessageLinks(text);
}

/** An input box's prompt or validation message: links and icons. */
export function inputMessageText(text: string): string {
  return escapeThemeIcons(breakMessageLinks(text));
}

/** A QuickPick item's label, description or detail, or status-bar text: icons. */
export function iconLabelText(text: string): string {
  return escapeThemeIcons(text);
}

/**
 * At most `max` characters (code points, so no emoji is cut in half), with "…" when clipped: for one-line
 * places with little room, such as the status bar or an editor tab.
 */
export function clipText(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/**
 * Escapes text from the API for a Markdown tooltip: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows that for all of them), so names and headlines cannot form links, images, HTML, command
 * URIs or even autolinks (`https\://…` is no longer a URL to the renderer). Line breaks become spaces.
 *
 * Tooltips that show icons (`supportThemeIcons`) draw `$(name)` found in the *rendered* text, after the
 * Markdown escapes are gone: so `$(name)` is first written `\$(name)` (VS Code's own icon escape), and that
 * backslash is escaped for Markdown along with the rest, leaving `\$(name)` for the icon pass, which then
 * shows it as the text `$(name)` (found by the hostile-data suite: a name `$(alert)` drew an icon).
 */
export function escapeMarkdownText(text: string): string {
  return escapeThemeIcons(text.replace(/[\r\n]+/g, ' ')).replace(/[!-/:-@[-`{-~]/g, (character) => `\\${character}`);
}
