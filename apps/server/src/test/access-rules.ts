/**
 * Shared vocabulary of the access-matrix test: the demo users, the three places a record can be ('own', 'school',
 * 'other'), the hand-written expectation per permission, and the rule types every module's
 * `<module>.access-rules.ts` uses for its routes.
 */
import type { Permission } from '@smartedu/contracts';
import type { Client } from './harness';

export type Where = 'own' | 'school' | 'other';
export const WHERE: Where[] = ['own', 'school', 'other'];
export const USERS = [
  'admin.so',
  'chuyenvien.phong',
  'hieutruong.qt',
  'hieutruong.th1',
  'giaovien.qt',
  'thuvien.qt',
  'phuhuynh.qt',
  'hocsinh.qt',
  'phuhuynh.tp',
] as const;
export type User = (typeof USERS)[number];

/**
 * Hand-written expectations. 'own' is a record within the narrowest reach of Quyết Tiến's teacher, parent and
 * student (the parent's child, 6A1, the parent's own guardian record); 'school' another record of THCS Quyết
 * Tiến; 'other' a record of THCS Tân Phong.
 */
export function expected(user: User, permission: Permission, where: Where): boolean {
  const write = permission.endsWith('.write') || permission === 'imports.run';
  if (user === 'admin.so') return true;
  if (write) return user === 'hieutruong.qt' && where !== 'other';
  if (user === 'chuyenvien.phong') return permission !== 'users.read';
  if (user === 'hieutruong.qt') return where !== 'other';
  if (user === 'hieutruong.th1') return false;
  if (user === 'phuhuynh.tp') return permission === 'units.read' && where === 'other';
  if (where === 'other') return false;
  switch (user) {
    case 'giaovien.qt':
      if (permission === 'students.read' || permission === 'guardians.read') return where === 'own';
      return ['classes.read', 'staff.read', 'units.read'].includes(permission);
    case 'thuvien.qt':
      return ['students.read', 'classes.read', 'staff.read', 'units.read'].includes(permission);
    case 'phuhuynh.qt':
      if (permission === 'units.read') return true;
      return ['students.read', 'classes.read', 'guardians.read'].includes(permission) && where === 'own';
    case 'hocsinh.qt':
      if (permission === 'units.read') return true;
      return ['students.read', 'classes.read'].includes(permission) && where === 'own';
  }
  return false;
}

export type Fixture = {
  school: Record<Where, string>;
  student: Record<Where, string>;
  klass: Record<Where, string>;
  guardian: Record<Where, string>;
  staff: Record<Where, string>;
  teachers: Record<Where, [string, string]>;
  assignment: Record<Where, string>;
  /** A student per school that transfer probes move back and forth between two classes. */
  mover: Record<Where, { id: string; classes: [string, string] }>;
  subjectThcs: string;
  yearId: string;
};

export type Probe = { method: string; url: string; body?: unknown };
export type RecordRule = {
  kind: 'record';
  permission: Permission;
  /** Hand-written expectation when the generic one for the permission does not apply. */
  expected?: (user: User, where: Where) => boolean;
  /** Tables whose content must not change when the request is refused. */
  tables?: string[];
  probe: (f: Fixture, where: Where, seq: number, admin: Client) => Promise<Probe> | Probe;
};
export type ListRule = {
  kind: 'list';
  permission: Permission;
  expected?: (user: User, where: Where) => boolean;
  /** The list request that should contain the target exactly when the role may read it. */
  probe: (f: Fixture, where: Where) => Probe;
  id: (f: Fixture, where: Where) => string;
};
export type Rule =
  | RecordRule
  | ListRule
  | { kind: 'any-signed-in' }
  | { kind: 'public' }
  | { kind: 'covered'; by: string };

export const S = (f: Fixture, w: Where) => f.school[w];
let counter = 0;
/** A fresh suffix for values that must be unique (codes, phone numbers). */
export const uniq = () => String(++counter).padStart(4, '0');
