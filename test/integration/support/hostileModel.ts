import type * as vscode from 'vscode';
import type { User } from '../../../src/kantata/types';

/**
 * Models of what VS Code 1.100 does with a string on the surfaces the extension uses, taken from its source,
 * so the extension-host suites can tell what a user would see without the rendered DOM:
 * - labels with icons (QuickPick items, status bar text, input-box messages): `renderLabelWithIcons`, which
 *   draws `$(name)` as an icon unless written `\$(name)`;
 * - notifications and input-box messages: `parseLinkedText`, which makes `[label](https:…|command:…|file:…)`
 *   a link (one that runs the command: notifications open links with allowCommands);
 * - Markdown tooltips: CommonMark with backslash escapes, then the same icon pass on the result.
 */

/** VS Code's labelWithIconsRegex (base/browser/ui/iconLabel/iconLabels.ts). */
const ICON = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;
/** VS Code's LINK_REGEX (base/common/linkedText.ts). */
const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
/** ASCII punctuation: what CommonMark lets a backslash escape. */
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const ESCAPED_PUNCTUATION = /\\([!-/:-@[-`{-~])/g;

/** The text a label with icon support shows, and how many icons it draws. */
export function visibleIconLabel(text: string): { visible: string; icons: number } {
  let icons = 0;
  const visible = text.replace(ICON, (_match, escaped: string | undefined, name: string) => {
    if (escaped) {
      return `$(${name})`;
    }
    icons++;
    return '';
  });
  return { visible, icons };
}

export function iconsIn(text: string): number {
  return visibleIconLabel(text).icons;
}

/** How many links VS Code makes of a notification or input-box message. */
export function linksIn(text: string): number {
  return [...text.matchAll(LINK)].length;
}

/** Zero-width spaces are invisible: the extension may add them to break link syntax, and the data may hold them. */
export function visibleMessage(text: string): string {
  return text.replace(/\u200B/g, '');
}

/** Equal, or `shown` is a clipped `expected` ending with "…". */
export function sameOrClipped(shown: string, expected: string): boolean {
  if (shown === expected) {
    return true;
  }
  if (!shown.endsWith('…')) {
    return false;
  }
  const kept = shown.slice(0, -1);
  return kept.length >= 20 && expected.startsWith(kept);
}

/**
 * Why one piece of a Markdown tooltip that holds API text would not show as that text: an unescaped Markdown
 * or HTML character (links, images, autolinks, HTML, emphasis all need one), an icon drawn from it, or other
 * text once rendered. Undefined when it shows exactly `expected` (line breaks become spaces), or a clip of it.
 */
export function markdownTextProblem(raw: string, expected: string): string | undefined {
  const unescaped = PUNCTUATION.exec(raw.replace(ESCAPED_PUNCTUATION, ''));
  if (unescaped) {
    return `unescaped ${JSON.stringify(unescaped[0])} in Markdown`;
  }
  // VS Code first doubles the backslash of `\$(name)` (markdownEscapeEscapedIcons), then renders, then draws icons.
  const prepared = raw.replace(/\\\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g, (match) => `\\${match}`);
  const rendered = visibleIconLabel(prepared.replace(ESCAPED_PUNCTUATION, '$1'));
  if (rendered.icons > 0) {
    return `${rendered.icons} icon(s) drawn`;
  }
  return sameOrClipped(rendered.visible, expected.replace(/[\r\n]+/g, ' ')) ? undefined : `shows ${JSON.stringify(rendered.visible.slice(0, 60))}`;
}

export interface TooltipCheck {
  /** Per expected piece, in order: its problem, if any. */
  readonly [index: number]: string | undefined;
  /** A problem of the tooltip as a whole (trusted, HTML enabled, missing pieces). */
  readonly whole?: string;
  /** The tooltip's text roughly as shown (escapes removed). */
  readonly visible: string;
}

/**
 * Checks the user tooltip of the Teammates tree (`**name**`, headline, `$(mail) email`, `$(organization) role`,
 * paragraphs apart) or any Markdown tooltip whose API text fills whole paragraphs or follows a fixed prefix
 * without punctuation (`Signed in to Kantata as NAME`): `expected` lists the API texts in paragraph order.
 */
export function markdownTooltipProblems(tooltip: vscode.MarkdownString, expected: readonly string[]): TooltipCheck {
  const result: { [index: number]: string | undefined; whole?: string; visible: string } = { visible: tooltip.value.replace(ESCAPED_PUNCTUATION, '$1') };
  if (tooltip.isTrusted === true || (typeof tooltip.isTrusted === 'object' && tooltip.isTrusted !== null)) {
    result.whole = 'the tooltip is trusted (command links would run)';
  } else if (tooltip.supportHtml === true) {
    result.whole = 'the tooltip renders HTML';
  }
  const paragraphs = tooltip.value.split('\n\n').map((paragraph) =>
    paragraph
      .replace(/^\*\*(.*)\*\*( \\?\(you\\?\))?$/s, '$1')
      .replace(/^\$\((mail|organization)\) /, '')
      .replace(/^Signed in to Kantata as /, ''),
  );
  expected.forEach((text, index) => {
    const raw = paragraphs[index];
    result[index] = raw === undefined ? 'missing from the tooltip' : markdownTextProblem(raw, text);
  });
  return result;
}

/** What Find Teammate's QuickPick items carry besides the QuickPickItem fields. */
export interface TeammatePickLike extends vscode.QuickPickItem {
  readonly user: User;
}
