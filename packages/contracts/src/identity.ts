import { z } from 'zod';
import { Role } from './access';
import { Uuid } from './common';
import { isCommonPassword } from './common-passwords';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const RoleGrant = z.object({ role: Role, unitId: Uuid, unitName: z.string() });

export const Me = z.object({
  id: Uuid,
  username: z.string(),
  fullName: z.string(),
  locale: z.string(),
  roles: z.array(RoleGrant),
  staffId: Uuid.nullable(),
  guardianId: Uuid.nullable(),
  studentId: Uuid.nullable(),
  homeUnitId: Uuid.nullable(),
  csrfToken: z.string().optional(),
});
export type Me = z.infer<typeof Me>;

/** Password policy: at least 10 characters with a letter and a digit, not containing the username. */
export const PasswordPolicy = z
  .string()
  .min(12, 'Mật khẩu phải có ít nhất 12 ký tự')
  .max(200)
  .regex(/[A-Za-zÀ-ỹ]/, 'Mật khẩu phải có chữ cái')
  .regex(/\d/, 'Mật khẩu phải có chữ số')
  .refine((p) => !isCommonPassword(p), 'Mật khẩu quá phổ biến, dễ bị đoán');

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1),
  newPassword: PasswordPolicy,
});

export const UserSummary = z.object({
  id: Uuid,
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  roles: z.array(RoleGrant),
});
export type UserSummary = z.infer<typeof UserSummary>;

export const CreateUserBody = z.object({
  username: z
    .string()
    .trim()
    .min(3)
    .max(60)
    .regex(/^[a-z0-9._-]+$/, 'chỉ chữ thường không dấu, số, dấu chấm, gạch'),
  fullName: z.string().trim().min(1).max(200),
  email: z.email().optional(),
  password: PasswordPolicy,
  role: Role,
  unitId: Uuid,
  staffId: Uuid.optional(),
  guardianId: Uuid.optional(),
  studentId: Uuid.optional(),
});

export const ApiTokenCreateBody = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(730).optional(),
});
export const ApiTokenCreated = z.object({
  id: Uuid,
  name: z.string(),
  token: z.string(),
  prefix: z.string(),
});
