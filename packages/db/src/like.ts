/**
 * A LIKE/ILIKE pattern that matches `text` anywhere, with the pattern characters of the user's text ('%', '_'
 * and the escape '\') taken literally: a search for '%' finds names containing '%', not every row.
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
