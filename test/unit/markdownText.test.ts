import * as assert from 'node:assert/strict';
import { escapeMarkdownText } from '../../src/shared/displayText';

describe('escaping API text for Markdown tooltips', () => {
  const hostile = [
    '[click me](command:kantata.signOut)',
    '![x](https://evil.example/p.png)',
    '<img src=x onerror=alert(1)>',
    'https://evil.example/login',
    '$(alert) **bold** `code` _em_ # heading',
    'line one\nline two\r\n> quote',
  ];

  it('leaves no unescaped Markdown or HTML syntax', () => {
    for (const text of hostile) {
      const escaped = escapeMarkdownText(text);
      // Every punctuation character is preceded by a backslash.
      assert.doesNotMatch(escaped.replace(/\\[!-/:-@[-`{-~]/g, ''), /[!-/:-@[-`{-~]/, text);
      assert.doesNotMatch(escaped, /[\r\n]/);
    }
  });

  it('keeps letters, digits, spaces and non-Latin text as they are', () => {
    assert.equal(escapeMarkdownText('José Müller 李 小龍 42'), 'José Müller 李 小龍 42');
    assert.equal(escapeMarkdownText("Siobhán O'Connor"), "Siobhán O\\'Connor");
  });
});
