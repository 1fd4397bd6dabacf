import { escapeThemeIcons } from '../shared/displayText';

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
