/**
 * Vietnamese text helpers: normalisation for comparisons and imports, diacritics removal, and the sort
 * order of Vietnamese class lists (by given name, then family name, then middle name).
 */

const INVISIBLE_CHARACTERS = /\u200b|\u200c|\u200d|\u2060|\ufeff/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

/**
 * Canonical form for storing and comparing Vietnamese text: Unicode NFC (so a precomposed "ế" and
 * "e" + circumflex + acute compare equal), invisible characters removed (zero-width spaces and byte-order
 * marks that Excel exports carry), runs of white space (including non-breaking spaces) collapsed to one
 * space, and trimmed.
 */
export function normaliseVietnamese(text: string): string {
  return text.normalize('NFC').replace(INVISIBLE_CHARACTERS, '').replace(/\s+/gu, ' ').trim();
}

/**
 * Removes tone marks and vowel modifiers ("Nguyễn Thị Ánh" → "Nguyen Thi Anh") and maps đ/Đ to d/D, which
 * Unicode does not decompose. The look-alike characters ð/Ð (U+00F0/U+00D0), sometimes typed for đ/Đ, are
 * mapped to d/D as well. The result is in NFC; case and spacing are left as they are.
 */
export function removeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đð]/g, 'd')
    .replace(/[ĐÐ]/g, 'D')
    .normalize('NFC');
}

/** A key for loose matching: normalised, diacritics removed, lower case. */
export function foldVietnamese(text: string): string {
  return removeDiacritics(normaliseVietnamese(text)).toLowerCase();
}

/**
 * Vietnamese alphabetical order (bảng chữ cái): a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
 * with the Latin letters f, j, w, z placed where they fall in the Latin alphabet.
 */
const LETTER_ORDER = [...'aăâbcdđefghijklmnoôơpqrstuưvwxyz'];
const LETTER_RANK = new Map(LETTER_ORDER.map((letter, index) => [letter, index]));

/** Dictionary order of the tones (thanh): ngang, huyền, hỏi, ngã, sắc, nặng. */
const TONE_RANK = new Map<string, number>([
  ['\u0300', 1], // huyền
  ['\u0309', 2], // hỏi
  ['\u0303', 3], // ngã
  ['\u0301', 4], // sắc
  ['\u0323', 5], // nặng
]);
const VOWEL_MODIFIERS = new Set(['\u0306', '\u0302', '\u031b']); // breve (ă), circumflex (â ê ô), horn (ơ ư)

type CollationKey = { primary: number[]; secondary: number[]; tertiary: number[] };

const WEIGHT_SPACE = 0;
const WEIGHT_OTHER = 1; // + code point: digits and punctuation sort before letters
const WEIGHT_LETTER = 1_000_000; // + rank in LETTER_ORDER
const WEIGHT_FOREIGN_LETTER = 2_000_000; // + code point of a letter outside the alphabet

function collationKey(text: string): CollationKey {
  const key: CollationKey = { primary: [], secondary: [], tertiary: [] };
  for (const char of normaliseVietnamese(text)) {
    const decomposed = char.normalize('NFD');
    let base = '';
    let tone = 0;
    for (const part of decomposed) {
      const toneRank = TONE_RANK.get(part);
      if (toneRank !== undefined) tone = toneRank;
      else if (base === '' || VOWEL_MODIFIERS.has(part)) base += part;
    }
    const letter = base.normalize('NFC');
    const lower = letter.toLowerCase();
    const rank = LETTER_RANK.get(lower);
    const codePoint = lower.codePointAt(0) ?? 0;
    let weight: number;
    if (rank !== undefined) weight = WEIGHT_LETTER + rank;
    else if (/\s/u.test(lower)) weight = WEIGHT_SPACE;
    else if (/\p{L}/u.test(lower)) weight = WEIGHT_FOREIGN_LETTER + codePoint;
    else weight = WEIGHT_OTHER + codePoint;
    key.primary.push(weight);
    key.secondary.push(tone);
    key.tertiary.push(letter === lower ? 0 : 1);
  }
  return key;
}

function compareArrays(a: readonly number[], b: readonly number[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/**
 * Compares two strings in Vietnamese dictionary order, independent of the ICU build: letters first
 * (đ after d, ă and â after a, ...), then tones in the order ngang, huyền, hỏi, ngã, sắc, nặng, then case
 * (lower before upper); any remaining difference (a mark outside Vietnamese) is broken by code units, so
 * the order is total. Returns a negative number, 0 or a positive number, for `Array.prototype.sort`.
 * Inputs are normalised first, so NFC and NFD spellings compare equal.
 */
export function compareVietnamese(a: string, b: string): number {
  const keyA = collationKey(a);
  const keyB = collationKey(b);
  return (
    compareArrays(keyA.primary, keyB.primary) ||
    compareArrays(keyA.secondary, keyB.secondary) ||
    compareArrays(keyA.tertiary, keyB.tertiary) ||
    compareCodeUnits(normaliseVietnamese(a), normaliseVietnamese(b))
  );
}

function compareCodeUnits(a: string, b: string): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** The parts of a Vietnamese full name (họ và tên): họ, tên đệm, tên. */
export type VietnameseNameParts = {
  /** họ */
  familyName: string;
  /** tên đệm (possibly several words, possibly empty) */
  middleName: string;
  /** tên */
  givenName: string;
};

/**
 * Splits a full name written in the Kinh order "family middle given": the first word is the family name,
 * the last word the given name, the words between the middle name ("Nguyễn Thị Minh Khai" → Nguyễn /
 * Thị Minh / Khai). One word is taken as the given name only. Limitations: compound family names
 * ("Tôn Nữ", "Âu Dương") are split after their first word, and the names of some ethnic groups that put the
 * family name last (Ê-đê, Gia-rai: "Y Ngông Niê Kdăm") are split by the same rule; store the parts
 * separately when they are known.
 */
export function splitVietnameseName(fullName: string): VietnameseNameParts {
  const words = normaliseVietnamese(fullName)
    .split(' ')
    .filter((word) => word !== '');
  if (words.length === 0) return { familyName: '', middleName: '', givenName: '' };
  if (words.length === 1) return { familyName: '', middleName: '', givenName: words[0] };
  return {
    familyName: words[0],
    middleName: words.slice(1, -1).join(' '),
    givenName: words[words.length - 1],
  };
}

/**
 * Order of a Vietnamese class list: by given name (tên), then family name (họ), then middle name
 * (tên đệm), each in Vietnamese dictionary order; the full text breaks remaining ties. Accepts full names
 * or already-split parts.
 */
export function compareVietnameseNames(
  a: string | VietnameseNameParts,
  b: string | VietnameseNameParts,
): number {
  const partsA = typeof a === 'string' ? splitVietnameseName(a) : a;
  const partsB = typeof b === 'string' ? splitVietnameseName(b) : b;
  return (
    compareVietnamese(partsA.givenName, partsB.givenName) ||
    compareVietnamese(partsA.familyName, partsB.familyName) ||
    compareVietnamese(partsA.middleName, partsB.middleName)
  );
}

/** Returns a new array of full names in class-list order (see `compareVietnameseNames`). */
export function sortVietnameseNames(names: readonly string[]): string[] {
  return [...names].sort(compareVietnameseNames);
}
