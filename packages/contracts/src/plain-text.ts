import { z } from 'zod';

/** '<' directly before a letter, '/', '!' or '?': where an HTML parser would start a tag. */
const TAG_OPEN = /<(?=[a-zA-Z/!?])/g;
const TAG = /<[/!?]?[a-zA-Z][^<>]*(>|$)/g;

/**
 * Plain text from user input (messages, announcements, comments, notes, reasons): stored and returned as text,
 * never HTML. Removes script/style blocks with their content, every HTML tag and comment (repeatedly, so that
 * removing one cannot assemble another: '<<b>img …>'), control and bidi-override characters, and limits the
 * length. A '<' left before a letter gets a space ('x<y' → 'x< y'), so the stored value holds nothing an HTML
 * parser would read as markup. Entities are left as written ('&lt;' stays '&lt;'): nothing decodes back into
 * markup; the web client renders the result as text anyway.
 */
export function toPlainText(input: string, maxLength: number): string {
  let s = input.normalize('NFC').replace(/\r\n?/g, '\n');
  // Control characters first, so that '<\u0000img …>' cannot become a tag after the tags are removed.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  for (let i = 0; i < 10; i++) {
    const before = s;
    s = s.replace(/<(script|style|iframe|object|embed|template|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
    s = s.replace(/<!--[\s\S]*?(-->|$)/g, '');
    // A tag starts with '<' then a letter, '/', '!' or '?' (as browsers parse it): '< 5', 'a < b' stay as text.
    s = s.replace(TAG, '');
    if (s === before) break;
  }
  s = s.replace(TAG_OPEN, '< ');
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return s.length > maxLength ? s.slice(0, maxLength).trimEnd() : s;
}

/** A plain-text request field: at most `max` characters as sent, stored as `toPlainText` of it. */
export const PlainText = (max: number) =>
  z
    .string()
    .max(max)
    .transform((s) => toPlainText(s, max));
