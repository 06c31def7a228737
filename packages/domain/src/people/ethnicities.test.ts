import { describe, expect, it } from 'vitest';
import { ETHNICITIES, ETHNICITY_ALIASES, findEthnicity, matchEthnicity } from './ethnicities';

/** The official list, transcribed independently of the implementation. */
const OFFICIAL =
  'Kinh, Tày, Thái, Hoa, Khơ-me, Mường, Nùng, Mông, Dao, Gia-rai, Ngái, Ê-đê, Ba-na, Xơ-đăng, Sán Chay, Cơ-ho, ' +
  'Chăm, Sán Dìu, Hrê, Mnông, Ra-glai, Xtiêng, Bru-Vân Kiều, Thổ, Giáy, Cơ-tu, Giẻ-Triêng, Mạ, Khơ-mú, Co, ' +
  'Tà-ôi, Chơ-ro, Kháng, Xinh-mun, Hà Nhì, Chu-ru, Lào, La Chí, La Ha, Phù Lá, La Hủ, Lự, Lô Lô, Chứt, Mảng, ' +
  'Pà Thẻn, Cờ Lao, Cống, Bố Y, Si La, Pu Péo, Brâu, Ơ-đu, Rơ-măm';

describe('ETHNICITIES', () => {
  it('lists the 54 groups with codes 01 to 54 in order', () => {
    expect(ETHNICITIES).toHaveLength(54);
    expect(ETHNICITIES.map((e) => e.code)).toEqual(
      Array.from({ length: 54 }, (_, i) => String(i + 1).padStart(2, '0')),
    );
    expect(ETHNICITIES.map((e) => e.name).join(', ')).toBe(OFFICIAL.normalize('NFC'));
  });

  it('has unique names in NFC', () => {
    expect(new Set(ETHNICITIES.map((e) => e.name)).size).toBe(54);
    for (const e of ETHNICITIES) expect(e.name).toBe(e.name.normalize('NFC'));
  });

  it('aliases only existing codes', () => {
    for (const code of Object.keys(ETHNICITY_ALIASES))
      expect(ETHNICITIES.some((e) => e.code === code)).toBe(true);
  });
});

describe('findEthnicity', () => {
  it.each([
    ['Kinh', '01'],
    ['  kinh ', '01'],
    ['KINH', '01'],
    ['01', '01'],
    ['1', '01'],
    [' 8 ', '08'],
    ['Thái', '03'],
    ['Thai', '03'],
    ['thái', '03'],
    ['Ê-đê', '12'],
    ['Ê Đê', '12'],
    ['ede', '12'],
    ['Bru Vân Kiều', '23'],
    ['bru-van kieu', '23'],
    ["H'Mông", '08'],
    ['H’Mông', '08'],
    ['Khmer', '05'],
    ['Gié-Triêng', '27'],
    ['Hà  Nhì', '35'],
    ['ha nhi', '35'],
    ['Rơ Măm', '54'],
    ['Tày'.normalize('NFD'), '02'],
  ])('finds %j as %s', (input, code) => {
    expect(findEthnicity(input)?.code).toBe(code);
  });

  it.each(['', '   ', 'Xyz', '0', '55', '100', 'Việt'])('finds nothing for %j', (input) => {
    expect(findEthnicity(input)).toBeUndefined();
  });

  it('says how it matched', () => {
    expect(matchEthnicity('08')).toMatchObject({ status: 'found', by: 'code' });
    expect(matchEthnicity('mông')).toMatchObject({ status: 'found', by: 'name' });
    expect(matchEthnicity('Hmong')).toMatchObject({ status: 'found', by: 'alias' });
    expect(matchEthnicity('Muong')).toMatchObject({ status: 'found', by: 'folded' });
    expect(matchEthnicity('nope')).toEqual({ status: 'not_found' });
  });

  it('folds every official name to a unique key, so diacritics-insensitive matching never guesses', () => {
    for (const e of ETHNICITIES) {
      const plain = e.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/đ/g, 'd')
        .replace(/Đ/g, 'D');
      expect(matchEthnicity(plain), plain).toMatchObject({ status: 'found', ethnicity: e });
    }
  });
});
