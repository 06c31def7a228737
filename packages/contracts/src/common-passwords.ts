/**
 * Passwords that appear at the top of public breach corpora (and Vietnamese favourites), compared
 * case-insensitively with trailing digits and symbols removed (ASVS 2.1.7). A short list on purpose: the length
 * rule does most of the work; this one refuses the guesses an attacker tries first.
 */
const WORDS = [
  'password',
  'passw0rd',
  'p@ssword',
  'p@ssw0rd',
  'qwerty',
  'qwertyuiop',
  'asdfgh',
  'asdfghjkl',
  'zxcvbnm',
  'abc',
  'abcd',
  'abcdef',
  'abcdefgh',
  'abc123',
  'iloveyou',
  'admin',
  'administrator',
  'welcome',
  'letmein',
  'monkey',
  'dragon',
  'master',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'changeme',
  'default',
  'secret',
  'login',
  'user',
  'guest',
  'test',
  'matkhau',
  'mat khau',
  'matkhaumoi',
  'anhyeuem',
  'emyeuanh',
  'yeuem',
  'iloveu',
  'vietnam',
  'hanoi',
  'saigon',
  'truonghoc',
  'smartedu',
  'quantri',
  'daotao',
  'giaoduc',
];
const strip = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\d\W_]+$/u, '')
    .replace(/^[\d\W_]+/u, '');

const SET = new Set(WORDS);

/** True when the password is a well-known one give or take digits and symbols at its ends. */
export function isCommonPassword(password: string): boolean {
  const core = strip(password);
  return core.length === 0 || SET.has(core) || SET.has(core.replace(/\s+/g, ''));
}
