import type { TFunction } from 'i18next';

/** Known position codes (chức vụ); the database keeps the code, the UI shows its name. */
export const STAFF_POSITIONS = [
  'principal',
  'vice_principal',
  'teacher',
  'head',
  'deputy_head',
  'specialist',
  'librarian',
  'accountant',
  'clerk',
  'equipment',
  'nurse',
  'security',
] as const;

export const positionLabel = (t: TFunction, code: string) =>
  t(`staffPosition.${code}`, { defaultValue: code });
