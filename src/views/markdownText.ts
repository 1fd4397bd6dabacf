/**
 * Escapes text from the API for a Markdown tooltip: every ASCII punctuation character is backslash-escaped
 * (CommonMark allows that for all of them), so names and headlines cannot form links, images, HTML, command
 * URIs or even autolinks (`https\://…` is no longer a URL to the renderer). Line breaks become spaces.
 */
export function escapeMarkdownText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (character) => `\\${character}`);
}
