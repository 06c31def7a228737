import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareVietnamese,
  compareVietnameseNames,
  foldVietnamese,
  normaliseVietnamese,
  removeDiacritics,
  sortVietnameseNames,
  splitVietnameseName,
} from './vietnamese';

describe('normaliseVietnamese', () => {
  it('composes to NFC, trims and collapses white space', () => {
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn');
    expect(normaliseVietnamese(`  ${decomposed}   Văn\u00a0An\t`)).toBe('Nguyễn Văn An');
  });

  it('drops byte-order marks and zero-width characters', () => {
    expect(normaliseVietnamese('\ufeffLê\u200b Thị')).toBe('Lê Thị');
  });
});

describe('removeDiacritics', () => {
  it.each([
    ['Nguyễn Thị Ánh', 'Nguyen Thi Anh'],
    ['Đặng Đức Đạt', 'Dang Duc Dat'],
    ['đường', 'duong'],
    ['Ơ-đu, Rơ-măm, Ư', 'O-du, Ro-mam, U'],
    ['ÐÀO', 'DAO'],
    ['Hà Nội'.normalize('NFD'), 'Ha Noi'],
  ])('%s → %s', (input, output) => {
    expect(removeDiacritics(input)).toBe(output);
  });

  it('folds case, spacing and diacritics', () => {
    expect(foldVietnamese('  TRẦN   Thị ')).toBe('tran thi');
  });

  it('is idempotent and leaves only ASCII for Vietnamese letters', () => {
    const letters = [...'aàảãáạăằẳẵắặâầẩẫấậđeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵ '];
    const upper = letters.map((l) => l.toUpperCase());
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...letters, ...upper)), (chars) => {
        const once = removeDiacritics(chars.join(''));
        expect(removeDiacritics(once)).toBe(once);
        expect(/^[A-Za-z ]*$/.test(once)).toBe(true);
      }),
    );
  });
});

describe('compareVietnamese', () => {
  const sorted = (words: string[]) => [...words].sort(compareVietnamese);

  it('puts đ after d, ă and â after a, ô and ơ after o, ư after u', () => {
    expect(sorted(['Đào', 'Dung', 'Duy'])).toEqual(['Dung', 'Duy', 'Đào']);
    expect(sorted(['Ân', 'Ăn', 'Anh', 'Bình'])).toEqual(['Anh', 'Ăn', 'Ân', 'Bình']);
    expect(sorted(['Ơn', 'Ổn', 'Oanh'])).toEqual(['Oanh', 'Ổn', 'Ơn']);
    expect(sorted(['Ưng', 'Uyên', 'Vy'])).toEqual(['Uyên', 'Ưng', 'Vy']);
  });

  it('orders tones ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['bạ', 'bá', 'bã', 'bả', 'bà', 'ba'])).toEqual(['ba', 'bà', 'bả', 'bã', 'bá', 'bạ']);
  });

  it('compares letters before tones, and a prefix first', () => {
    expect(sorted(['Hạnh', 'Hà', 'Hải'])).toEqual(['Hà', 'Hải', 'Hạnh']);
    expect(compareVietnamese('An', 'Anh')).toBeLessThan(0);
  });

  it('ignores the Unicode form and surrounding spaces', () => {
    expect(compareVietnamese('Nguyễn', ' Nguyễn '.normalize('NFD'))).toBe(0);
  });

  it('is antisymmetric and consistent with equality', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(Math.sign(compareVietnamese(a, b)) + Math.sign(compareVietnamese(b, a))).toBe(0);
        if (compareVietnamese(a, b) === 0) expect(normaliseVietnamese(a)).toBe(normaliseVietnamese(b));
      }),
    );
  });
});

describe('names', () => {
  it.each([
    ['Nguyễn Thị Minh Khai', { familyName: 'Nguyễn', middleName: 'Thị Minh', givenName: 'Khai' }],
    ['Lê Văn An', { familyName: 'Lê', middleName: 'Văn', givenName: 'An' }],
    ['  Trần   Hưng ', { familyName: 'Trần', middleName: '', givenName: 'Hưng' }],
    ['Páo', { familyName: '', middleName: '', givenName: 'Páo' }],
    ['', { familyName: '', middleName: '', givenName: '' }],
  ])('splits %j', (fullName, parts) => {
    expect(splitVietnameseName(fullName)).toEqual(parts);
  });

  it('sorts a class list by given name, then family name, then middle name', () => {
    expect(
      sortVietnameseNames([
        'Nguyễn Văn Bình',
        'Trần Thị An',
        'Lê Văn An',
        'Phạm Đức',
        'Lê Anh Dũng',
        'Lê Thị An',
        'Đỗ Ánh',
      ]),
    ).toEqual([
      'Lê Thị An',
      'Lê Văn An',
      'Trần Thị An',
      'Đỗ Ánh',
      'Nguyễn Văn Bình',
      'Lê Anh Dũng',
      'Phạm Đức',
    ]);
  });

  it('accepts split parts', () => {
    expect(
      compareVietnameseNames(
        { familyName: 'Lò', middleName: 'Văn', givenName: 'Chiến' },
        { familyName: 'Hờ', middleName: 'A', givenName: 'Páo' },
      ),
    ).toBeLessThan(0);
  });
});
