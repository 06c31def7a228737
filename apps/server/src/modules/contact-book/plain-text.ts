/**
 * Plain text from user input: messages and announcements are stored and returned as text, never HTML.
 * Removes script/style blocks with their content, every HTML tag and comment, control characters, and limits
 * the length. Entities are left as written ('&lt;' stays '&lt;'), so nothing decodes back into markup; the
 * web client renders the result as text anyway.
 */
export function toPlainText(input: string, maxLength: number): string {
  let s = input.normalize('NFC').replace(/\r\n?/g, '\n');
  s = s.replace(/<(script|style|iframe|object|embed|template|noscript)\b[\s\S]*?(<\/\1\s*>|$)/gi, '');
  s = s.replace(/<!--[\s\S]*?(-->|$)/g, '');
  // A tag starts with '<' then a letter, '/', '!' or '?' (as browsers parse it): '< 5', 'a < b' stay as text.
  s = s.replace(/<[/!?]?[a-zA-Z][^<>]*(>|$)/g, '');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  s = s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  s = s
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/g, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return s.length > maxLength ? s.slice(0, maxLength).trimEnd() : s;
}

/** The first line(s) of a text, cut at a word boundary, for notification bodies and thread previews. */
export function preview(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
