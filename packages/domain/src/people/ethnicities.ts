import { normaliseVietnamese, removeDiacritics } from '../text/vietnamese';

/** An ethnic group (dân tộc) with its official two-digit code. */
export type Ethnicity = { code: string; name: string };

/**
 * The 54 ethnic groups of Viet Nam (danh mục các dân tộc Việt Nam) with their official codes, in code order.
 * Spellings follow the official list (hyphenated forms such as "Khơ-me", "Ê-đê").
 */
export const ETHNICITIES: readonly Ethnicity[] = [
  { code: '01', name: 'Kinh' },
  { code: '02', name: 'Tày' },
  { code: '03', name: 'Thái' },
  { code: '04', name: 'Hoa' },
  { code: '05', name: 'Khơ-me' },
  { code: '06', name: 'Mường' },
  { code: '07', name: 'Nùng' },
  { code: '08', name: 'Mông' },
  { code: '09', name: 'Dao' },
  { code: '10', name: 'Gia-rai' },
  { code: '11', name: 'Ngái' },
  { code: '12', name: 'Ê-đê' },
  { code: '13', name: 'Ba-na' },
  { code: '14', name: 'Xơ-đăng' },
  { code: '15', name: 'Sán Chay' },
  { code: '16', name: 'Cơ-ho' },
  { code: '17', name: 'Chăm' },
  { code: '18', name: 'Sán Dìu' },
  { code: '19', name: 'Hrê' },
  { code: '20', name: 'Mnông' },
  { code: '21', name: 'Ra-glai' },
  { code: '22', name: 'Xtiêng' },
  { code: '23', name: 'Bru-Vân Kiều' },
  { code: '24', name: 'Thổ' },
  { code: '25', name: 'Giáy' },
  { code: '26', name: 'Cơ-tu' },
  { code: '27', name: 'Giẻ-Triêng' },
  { code: '28', name: 'Mạ' },
  { code: '29', name: 'Khơ-mú' },
  { code: '30', name: 'Co' },
  { code: '31', name: 'Tà-ôi' },
  { code: '32', name: 'Chơ-ro' },
  { code: '33', name: 'Kháng' },
  { code: '34', name: 'Xinh-mun' },
  { code: '35', name: 'Hà Nhì' },
  { code: '36', name: 'Chu-ru' },
  { code: '37', name: 'Lào' },
  { code: '38', name: 'La Chí' },
  { code: '39', name: 'La Ha' },
  { code: '40', name: 'Phù Lá' },
  { code: '41', name: 'La Hủ' },
  { code: '42', name: 'Lự' },
  { code: '43', name: 'Lô Lô' },
  { code: '44', name: 'Chứt' },
  { code: '45', name: 'Mảng' },
  { code: '46', name: 'Pà Thẻn' },
  { code: '47', name: 'Cờ Lao' },
  { code: '48', name: 'Cống' },
  { code: '49', name: 'Bố Y' },
  { code: '50', name: 'Si La' },
  { code: '51', name: 'Pu Péo' },
  { code: '52', name: 'Brâu' },
  { code: '53', name: 'Ơ-đu' },
  { code: '54', name: 'Rơ-măm' },
];

/**
 * Other spellings met in school records and spreadsheets, by code. Matched exactly (ignoring case, spaces,
 * hyphens and apostrophes). Spellings that differ from the official name only by diacritics, spaces or
 * hyphens ("Ê Đê", "Gia Rai", "Gié-Triêng") need no alias: `matchEthnicity` folds them.
 */
export const ETHNICITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  '05': ['Khmer'],
  '08': ["H'Mông", 'Hmông', 'Hmong'],
  '10': ['Jrai'],
  '13': ['Bahnar'],
  '16': ["K'Ho", 'Kơ Ho'],
  '19': ["H'rê"],
  '20': ["M'Nông"],
  '22': ["X'Tiêng", 'Stiêng'],
  '29': ['Khmu'],
};

/** How `matchEthnicity` resolved its input. */
export type EthnicityMatch =
  | { status: 'found'; by: 'code' | 'name' | 'alias' | 'folded'; ethnicity: Ethnicity }
  | { status: 'ambiguous'; candidates: readonly Ethnicity[] }
  | { status: 'not_found' };

/** Case-, spacing-, hyphen- and apostrophe-insensitive key; keeps diacritics. */
function exactKey(text: string): string {
  return normaliseVietnamese(text)
    .toLowerCase()
    .replace(/[\s\-‐‑–—'’ʼ`]+/gu, ' ')
    .trim();
}

/** `exactKey` without diacritics and without separators ("Ê-đê", "Ê Đê", "ede" → "ede"). */
function foldedKey(text: string): string {
  return removeDiacritics(exactKey(text)).replace(/ /g, '');
}

type IndexEntry = { ethnicity: Ethnicity; by: 'name' | 'alias' };

function buildIndex(key: (text: string) => string): Map<string, IndexEntry[]> {
  const index = new Map<string, IndexEntry[]>();
  const add = (text: string, entry: IndexEntry): void => {
    const k = key(text);
    const list = index.get(k) ?? [];
    if (!list.some((existing) => existing.ethnicity.code === entry.ethnicity.code)) list.push(entry);
    index.set(k, list);
  };
  for (const ethnicity of ETHNICITIES) {
    add(ethnicity.name, { ethnicity, by: 'name' });
    for (const alias of ETHNICITY_ALIASES[ethnicity.code] ?? []) add(alias, { ethnicity, by: 'alias' });
  }
  return index;
}

const EXACT_INDEX = buildIndex(exactKey);
const FOLDED_INDEX = buildIndex(foldedKey);
const BY_CODE = new Map(ETHNICITIES.map((ethnicity) => [ethnicity.code, ethnicity]));

/**
 * Resolves an ethnicity typed in an import file, in this order:
 * 1. a code, with or without its leading zero ("8", "08" → Mông);
 * 2. the official name or a known alias, ignoring case, surrounding and repeated spaces, hyphens and
 *    apostrophes ("  kinh ", "Bru Vân Kiều", "H'Mông");
 * 3. the same ignoring diacritics too ("Thai" → Thái, "Ede" → Ê-đê), accepted only when exactly one group
 *    matches; otherwise `ambiguous` with the candidates, so that an import never guesses.
 */
export function matchEthnicity(input: string): EthnicityMatch {
  const text = normaliseVietnamese(input);
  if (text === '') return { status: 'not_found' };
  if (/^\d+$/.test(text)) {
    const ethnicity = BY_CODE.get(String(Number(text)).padStart(2, '0'));
    return ethnicity ? { status: 'found', by: 'code', ethnicity } : { status: 'not_found' };
  }
  const exact = EXACT_INDEX.get(exactKey(text));
  if (exact && exact.length === 1) return { status: 'found', by: exact[0].by, ethnicity: exact[0].ethnicity };
  const folded = FOLDED_INDEX.get(foldedKey(text)) ?? [];
  if (folded.length === 1) return { status: 'found', by: 'folded', ethnicity: folded[0].ethnicity };
  if (folded.length > 1) return { status: 'ambiguous', candidates: folded.map((entry) => entry.ethnicity) };
  return { status: 'not_found' };
}

/** The ethnicity `matchEthnicity` finds for a name or code, or undefined when none or several match. */
export function findEthnicity(nameOrCode: string): Ethnicity | undefined {
  const match = matchEthnicity(nameOrCode);
  return match.status === 'found' ? match.ethnicity : undefined;
}
