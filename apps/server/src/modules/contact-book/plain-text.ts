/** Plain text from user input: shared with every module through the contracts (packages/contracts). */
export { toPlainText } from '@smartedu/contracts';

/** The first line(s) of a text, cut at a word boundary, for notification bodies and thread previews. */
export function preview(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
