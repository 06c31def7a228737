import type { Random } from './random';

/**
 * Name material for the demo seed, by ethnic group, for thành phố Lai Châu. Family names follow the group
 * (Thái: Lò, Lường, Tòng, Quàng, Cầm; Mông: Giàng, Sùng, Vàng, Thào, Lầu; Dao: Tẩn, Chảo, Lý, Phàn; Hà Nhì:
 * Pờ, Lỳ, Chu, ...). Children of minority families often get Kinh-style given names in town.
 */

export type Gender = 'M' | 'F';

type NameSet = {
  maleMiddle: readonly string[];
  femaleMiddle: readonly string[];
  maleGiven: readonly string[];
  femaleGiven: readonly string[];
};

export type EthnicProfile = NameSet & {
  code: string;
  /** Share of the city's students, in percent. */
  weight: number;
  families: readonly string[];
  /** Share of families living in a village (bản) of a commune rather than a ward's residential group (tổ). */
  rural: number;
  /** Household poverty rates (hộ nghèo, hộ cận nghèo). */
  poor: number;
  nearPoor: number;
};

const KINH: NameSet = {
  maleMiddle: [
    'Văn',
    'Văn',
    'Minh',
    'Đức',
    'Gia',
    'Quang',
    'Hữu',
    'Tuấn',
    'Bảo',
    'Anh',
    'Thành',
    'Đăng',
    'Trung',
  ],
  femaleMiddle: [
    'Thị',
    'Thị',
    'Thu',
    'Ngọc',
    'Minh',
    'Bảo',
    'Khánh',
    'Thanh',
    'Phương',
    'Thùy',
    'Hồng',
    'Gia',
  ],
  maleGiven: [
    'An',
    'Anh',
    'Bách',
    'Bảo',
    'Cường',
    'Dũng',
    'Duy',
    'Đạt',
    'Đức',
    'Hải',
    'Hiếu',
    'Hoàng',
    'Huy',
    'Hùng',
    'Khang',
    'Khánh',
    'Khoa',
    'Kiên',
    'Lâm',
    'Long',
    'Minh',
    'Nam',
    'Nghĩa',
    'Nhật',
    'Phong',
    'Phúc',
    'Quân',
    'Quang',
    'Sơn',
    'Tài',
    'Thái',
    'Thành',
    'Thắng',
    'Tiến',
    'Trung',
    'Tuấn',
    'Tùng',
    'Vinh',
    'Việt',
    'Vũ',
  ],
  femaleGiven: [
    'An',
    'Anh',
    'Chi',
    'Diệp',
    'Giang',
    'Hà',
    'Hân',
    'Hằng',
    'Hiền',
    'Hoa',
    'Hương',
    'Huyền',
    'Lan',
    'Linh',
    'Loan',
    'Mai',
    'My',
    'Nga',
    'Ngân',
    'Ngọc',
    'Nhi',
    'Nhung',
    'Oanh',
    'Phương',
    'Quyên',
    'Quỳnh',
    'Tâm',
    'Thảo',
    'Thư',
    'Trang',
    'Trâm',
    'Uyên',
    'Vân',
    'Vy',
    'Yến',
  ],
};

const TAI: NameSet = {
  maleMiddle: ['Văn', 'Văn', 'Văn', 'Minh', 'Đức'],
  femaleMiddle: ['Thị', 'Thị', 'Thị', 'Ngọc', 'Thu'],
  maleGiven: [
    'Thắng',
    'Hùng',
    'Chiến',
    'Dũng',
    'Quyết',
    'Thanh',
    'Tâm',
    'Minh',
    'Tuấn',
    'Khải',
    'Bình',
    'Cương',
    'Đông',
    'Hưng',
    'Lâm',
    'Xuân',
    'Piên',
    'Panh',
    'Khiêm',
    'Ơn',
  ],
  femaleGiven: [
    'Xuân',
    'Thu',
    'Hương',
    'Ngọc',
    'Mai',
    'Hoa',
    'Lan',
    'Phượng',
    'Thoa',
    'Nhung',
    'Ánh',
    'Vân',
    'Yến',
    'Ngân',
    'Diệp',
    'Xiêm',
    'Ly',
    'Hiên',
    'Thơm',
    'Ín',
  ],
};

const HMONG: NameSet = {
  maleMiddle: ['A', 'A', 'Seo', 'Văn', 'Mí'],
  femaleMiddle: ['Thị'],
  maleGiven: [
    'Dính',
    'Chứ',
    'Sử',
    'Páo',
    'Pó',
    'Chớ',
    'Lử',
    'Tráng',
    'Dế',
    'Khua',
    'Dơ',
    'Nhà',
    'Tủa',
    'Giống',
    'Lềnh',
    'Chư',
    'Dủa',
    'Vư',
  ],
  femaleGiven: [
    'Mỷ',
    'Dua',
    'Pàng',
    'Sua',
    'Chá',
    'Ly',
    'Dợ',
    'Mai',
    'Dung',
    'Sía',
    'Cở',
    'Say',
    'Mảy',
    'Xúa',
  ],
};

const DAO: NameSet = {
  maleMiddle: ['Văn', 'Văn', 'Láo', 'Quẩy', 'Phù'],
  femaleMiddle: ['Thị', 'Thị', 'Thị', 'Mẩy'],
  maleGiven: [
    'Chiều',
    'Lở',
    'Quẩy',
    'Phù',
    'Tả',
    'Chòi',
    'Sinh',
    'Vần',
    'Phẩy',
    'Dào',
    'Sành',
    'Chạn',
    'Kiềm',
  ],
  femaleGiven: ['Mẩy', 'Sử', 'Phây', 'Chài', 'Mùi', 'Xiêm', 'Nái', 'Hoa', 'Lan', 'Chạn', 'Kiều', 'Xoan'],
};

const HANI: NameSet = {
  maleMiddle: ['A', 'Xè', 'Văn'],
  femaleMiddle: ['Thị'],
  maleGiven: ['Lù', 'Xá', 'Gơ', 'Hừ', 'Chừ', 'Sừ', 'Phú', 'Lư', 'Pứ', 'Xè'],
  femaleGiven: ['Mé', 'Xó', 'Pà', 'Ly', 'Hoa', 'Mai', 'Lan', 'Thu', 'Chà'],
};

const profile = (
  code: string,
  weight: number,
  families: readonly string[],
  names: NameSet,
  rural: number,
  poor = 0.18,
  nearPoor = 0.105,
): EthnicProfile => ({ code, weight, families, rural, poor, nearPoor, ...names });

// Dân tộc of thành phố Lai Châu's students (approximate shares)
export const ETHNIC_PROFILES: readonly EthnicProfile[] = [
  profile(
    '01',
    45,
    [
      'Nguyễn',
      'Nguyễn',
      'Nguyễn',
      'Nguyễn',
      'Trần',
      'Trần',
      'Lê',
      'Lê',
      'Phạm',
      'Phạm',
      'Hoàng',
      'Vũ',
      'Đặng',
      'Bùi',
      'Đỗ',
      'Hồ',
      'Ngô',
      'Dương',
      'Đinh',
      'Phan',
      'Trịnh',
      'Đào',
      'Lương',
      'Hà',
      'Vương',
      'Tạ',
      'Cao',
    ],
    KINH,
    0.08,
    0.04,
    0.05,
  ),
  profile(
    '03',
    20,
    ['Lò', 'Lò', 'Lò', 'Lường', 'Lường', 'Tòng', 'Quàng', 'Cầm', 'Điêu', 'Lù', 'Vì'],
    TAI,
    0.35,
  ),
  profile(
    '08',
    10,
    ['Giàng', 'Giàng', 'Sùng', 'Sùng', 'Vàng', 'Vàng', 'Thào', 'Lầu', 'Lý', 'Hảng', 'Mùa', 'Vừ'],
    HMONG,
    0.7,
  ),
  profile('09', 8, ['Tẩn', 'Tẩn', 'Chảo', 'Chảo', 'Lý', 'Lý', 'Phàn', 'Triệu', 'Chẻo', 'Sần'], DAO, 0.7),
  profile('25', 5, ['Hoàng', 'Lò', 'Vương', 'Sần', 'Lù', 'Lồ', 'Tráng'], TAI, 0.5),
  profile('35', 3, ['Pờ', 'Pờ', 'Lỳ', 'Lỳ', 'Chu', 'Phù', 'Ly', 'Vù'], HANI, 0.6),
  profile('42', 2, ['Lò', 'Lò', 'Tao', 'Chu', 'Vàng', 'Lùng'], TAI, 0.5),
  profile('29', 1.5, ['Lò', 'Quàng', 'Vì', 'Cầm', 'Lường'], TAI, 0.5),
  profile('41', 1, ['Lò', 'Chu', 'Pờ', 'Vàng'], HANI, 0.6),
  profile('37', 1, ['Lò', 'Vi', 'Cầm', 'Lường'], TAI, 0.4),
  profile('02', 1, ['Hoàng', 'Nông', 'Lương', 'Hà', 'Ma'], KINH, 0.2),
  profile('45', 1, ['Lò', 'Chìn', 'Pờ', 'Lý'], HANI, 0.6),
  profile('50', 0.5, ['Hù', 'Pờ', 'Lý'], HANI, 0.6),
  profile('48', 0.5, ['Chang', 'Lò', 'Pờ'], TAI, 0.6),
  profile('07', 0.5, ['Nông', 'Hoàng', 'Lục', 'Vi'], KINH, 0.2),
];

const PROFILE_BY_CODE = new Map(ETHNIC_PROFILES.map((p) => [p.code, p]));
const ETHNICITY_WEIGHTS = ETHNIC_PROFILES.map((p) => [p.code, p.weight] as const);

export function ethnicProfile(code: string): EthnicProfile {
  return PROFILE_BY_CODE.get(code) ?? ETHNIC_PROFILES[0];
}

export function pickEthnicity(rng: Random, weights = ETHNICITY_WEIGHTS): string {
  return rng.weighted(weights);
}

/** Staff are more often Kinh than students. */
export const STAFF_ETHNICITY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['01', 70],
  ['03', 15],
  ['25', 4],
  ['08', 4],
  ['09', 3],
  ['02', 2],
  ['35', 2],
];

export function pickFamilyName(rng: Random, ethnicityCode: string): string {
  return rng.pick(ethnicProfile(ethnicityCode).families);
}

/**
 * A full name 'Family Middle Given' for a person of the group. `modern` is the chance that a minority person
 * gets a Kinh-style middle and given name (common for children in town).
 */
export function makeFullName(
  rng: Random,
  ethnicityCode: string,
  gender: Gender,
  familyName: string,
  modern: number,
): string {
  const p = ethnicProfile(ethnicityCode);
  const set: NameSet = ethnicityCode !== '01' && rng.chance(modern) ? KINH : p;
  const middle = rng.pick(gender === 'M' ? set.maleMiddle : set.femaleMiddle);
  let given = rng.pick(gender === 'M' ? set.maleGiven : set.femaleGiven);
  // Avoid 'Văn Văn'-like repeats of the middle name.
  if (given === middle) given = rng.pick(gender === 'M' ? KINH.maleGiven : KINH.femaleGiven);
  return `${familyName} ${middle} ${given}`;
}

/** A Kinh (or same-group) family name different from `avoid`, for a mother. */
export function pickOtherFamilyName(rng: Random, ethnicityCode: string, avoid: string): string {
  const families = ethnicProfile(ethnicityCode).families.filter((f) => f !== avoid);
  return families.length > 0 ? rng.pick(families) : avoid;
}

// Địa bàn thành phố Lai Châu (2024): five wards and two communes
export const WARDS = ['Quyết Thắng', 'Tân Phong', 'Đông Phong', 'Quyết Tiến', 'Đoàn Kết'] as const;
export const COMMUNES: readonly { name: string; villages: readonly string[] }[] = [
  {
    name: 'San Thàng',
    villages: [
      'Bản San Thàng',
      'Bản Phan Lìn',
      'Bản Lùng Thàng',
      'Bản Chu Va 6',
      'Bản Chu Va 8',
      'Bản Giang',
    ],
  },
  { name: 'Nậm Loỏng', villages: ['Bản Cư Nhà La', 'Bản Nậm Loỏng', 'Bản Nậm Đanh', 'Bản Thành Công'] },
];
export const CITY = 'thành phố Lai Châu';

export function makeAddress(rng: Random, rural: number, homeWard: string): string {
  if (rng.chance(rural)) {
    const commune = rng.pick(COMMUNES);
    return `${rng.pick(commune.villages)}, xã ${commune.name}, ${CITY}`;
  }
  const ward = rng.chance(0.6) ? homeWard : rng.pick(WARDS);
  return `Tổ ${rng.int(1, 28)}, phường ${ward}, ${CITY}`;
}

export const OCCUPATIONS_TOWN = [
  'Công chức',
  'Viên chức',
  'Giáo viên',
  'Kinh doanh',
  'Công nhân',
  'Lao động tự do',
  'Nhân viên văn phòng',
  'Lái xe',
  'Bộ đội',
  'Công an',
  'Nội trợ',
] as const;
export const OCCUPATIONS_VILLAGE = [
  'Làm nông',
  'Làm nông',
  'Làm nông',
  'Lao động tự do',
  'Buôn bán nhỏ',
] as const;
