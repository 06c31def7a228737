import {
  Button,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { Role } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { isDepartment, primaryGrant, useMe } from '../auth/auth.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { PersonPicker } from './person-picker';
import { useCreateUser } from './users.hooks';

const SCHOOL_ROLES: Role[] = ['school_admin', 'teacher', 'staff', 'parent', 'student'];
const DEPT_ROLES: Role[] = ['dept_admin', 'dept_specialist'];

/** Tạo tài khoản: role within a unit, linked to the person it belongs to. */
export function UserFormModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const schools = useSchoolOptions();
  const create = useCreateUser();
  const dept = isDepartment(me.data);
  const home = me.data ? primaryGrant(me.data) : undefined;
  const form = useFormState({
    username: '',
    fullName: '',
    email: '',
    password: '',
    role: 'teacher',
    unitId: dept ? '' : (home?.unitId ?? ''),
    personId: '',
  });
  const v = form.values;
  const role = v.role as Role;
  const isDeptRole = DEPT_ROLES.includes(role);
  const unitOptions = isDeptRole
    ? (me.data?.roles ?? [])
        .filter((r) => DEPT_ROLES.includes(r.role))
        .map((r) => ({ value: r.unitId, label: r.unitName }))
    : schools.options;
  const unitId = v.unitId || unitOptions[0]?.value || '';
  const personKind =
    role === 'teacher' || role === 'staff' || role === 'school_admin'
      ? 'staff'
      : role === 'parent'
        ? 'guardian'
        : role === 'student'
          ? 'student'
          : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<keyof typeof v, string>> = {};
    if (!/^[a-z0-9._-]{3,60}$/.test(v.username.trim())) errors.username = t('users.usernameRule');
    if (!v.fullName.trim()) errors.fullName = t('validation.required');
    if (v.password.length < 12 || !/\d/.test(v.password) || !/[A-Za-zÀ-ỹ]/.test(v.password))
      errors.password = t('auth.passwordPolicy');
    if (!unitId) errors.unitId = t('validation.required');
    if (Object.keys(errors).length) return form.setErrors(errors);
    create.mutate(
      {
        username: v.username.trim(),
        fullName: v.fullName.trim(),
        email: orNull(v.email) ?? undefined,
        password: v.password,
        role,
        unitId,
        staffId: personKind === 'staff' && v.personId ? v.personId : undefined,
        guardianId: personKind === 'guardian' && v.personId ? v.personId : undefined,
        studentId: personKind === 'student' && v.personId ? v.personId : undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(t('users.created', { username: v.username.trim() }));
          form.reset();
          onClose();
        },
        onError: (err) => {
          if (!form.applyServerError(err)) notifyError(err);
        },
      },
    );
  };

  const roles = dept ? [...DEPT_ROLES, ...SCHOOL_ROLES] : SCHOOL_ROLES;
  return (
    <Modal opened={opened} onClose={onClose} title={t('users.add')} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('auth.username')}
              required
              autoCapitalize="none"
              {...form.text('username')}
              data-testid="user-username"
            />
            <TextInput
              label={t('common.fullName')}
              required
              {...form.text('fullName')}
              data-testid="user-fullName"
            />
            <NativeSelect
              label={t('users.role')}
              data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={v.role}
              onChange={(e) => {
                form.setField('role', e.currentTarget.value);
                form.setField('personId', '');
                form.setField('unitId', '');
              }}
              data-testid="user-role"
            />
            <NativeSelect
              label={t('users.unit')}
              data={unitOptions}
              value={unitId}
              onChange={(e) => {
                form.setField('unitId', e.currentTarget.value);
                form.setField('personId', '');
              }}
              error={form.errors.unitId}
              data-testid="user-unit"
            />
            <TextInput label={t('common.email')} type="email" {...form.text('email')} />
            <PasswordInput
              label={t('auth.password')}
              required
              autoComplete="new-password"
              {...form.text('password')}
              data-testid="user-password"
            />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            {t('auth.passwordPolicy')}
          </Text>
          {personKind && unitId && !isDeptRole && (
            <PersonPicker
              key={`${personKind}-${unitId}`}
              kind={personKind}
              schoolId={unitId}
              label={t(`users.link.${personKind}`)}
              value={v.personId || null}
              onChange={(id) => form.setField('personId', id ?? '')}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="user-submit">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
