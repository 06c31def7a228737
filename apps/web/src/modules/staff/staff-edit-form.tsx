import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Qualification, StaffCategory, type StaffMember } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { formatDate, parseDateInput } from '../../lib/format';
import { useEthnicities } from '../reference/reference.hooks';
import { type StaffCreateInput, useCreateStaff, useUpdateStaff } from './staff.hooks';
import { positionLabel, STAFF_POSITIONS } from './staff-positions';

export const STAFF_STATUSES = ['working', 'leave', 'retired', 'transferred'] as const;

export type StaffEditFormProps = {
  schoolId: string;
  member?: StaffMember;
  onDone: (member: StaffMember) => void;
  onCancel?: () => void;
};

/** Cán bộ, giáo viên, nhân viên: create and edit. */
export function StaffEditForm({ schoolId, member, onDone, onCancel }: StaffEditFormProps) {
  const { t } = useTranslation();
  const ethnicities = useEthnicities();
  const create = useCreateStaff(schoolId);
  const update = useUpdateStaff(schoolId, member?.id ?? '');
  const form = useFormState({
    staffCode: member?.staffCode ?? '',
    fullName: member?.fullName ?? '',
    birthDate: formatDate(member?.birthDate),
    gender: member?.gender ?? '',
    ethnicityCode: member?.ethnicityCode ?? '',
    citizenId: member?.citizenId ?? '',
    category: member?.category ?? 'teacher',
    position: member?.position ?? '',
    qualification: member?.qualification ?? '',
    mainSubjectCode: member?.mainSubjectCode ?? '',
    phone: member?.phone ?? '',
    email: member?.email ?? '',
    status: member?.status ?? 'working',
  });
  const v = form.values;
  // An unknown code already stored stays selectable.
  const positionCodes: string[] =
    member && !(STAFF_POSITIONS as readonly string[]).includes(member.position)
      ? [member.position, ...STAFF_POSITIONS]
      : [...STAFF_POSITIONS];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const birthDate = v.birthDate.trim() ? parseDateInput(v.birthDate) : null;
    const errors: Partial<Record<keyof typeof v, string>> = {};
    if (v.staffCode.trim().length < 3) errors.staffCode = t('validation.required');
    if (v.fullName.trim().length < 2) errors.fullName = t('validation.required');
    if (v.position.trim().length < 2) errors.position = t('validation.required');
    if (v.gender !== 'M' && v.gender !== 'F') errors.gender = t('validation.required');
    if (v.birthDate.trim() && !birthDate) errors.birthDate = t('validation.date');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body: StaffCreateInput = {
      staffCode: v.staffCode.trim(),
      fullName: v.fullName.trim(),
      birthDate,
      gender: v.gender as 'M' | 'F',
      ethnicityCode: v.ethnicityCode || null,
      citizenId: orNull(v.citizenId),
      category: v.category as StaffCreateInput['category'],
      position: v.position.trim(),
      qualification: (v.qualification || null) as StaffCreateInput['qualification'],
      mainSubjectCode: orNull(v.mainSubjectCode),
      phone: orNull(v.phone),
      email: orNull(v.email),
      status: v.status as StaffCreateInput['status'],
    };
    const handlers = {
      onSuccess: (saved: StaffMember) => {
        notifySuccess(t('messages.saved'));
        onDone(saved);
      },
      onError: (err: unknown) => {
        if (!form.applyServerError(err)) notifyError(err);
      },
    };
    if (member) update.mutate(body, handlers);
    else create.mutate(body, handlers);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="staff-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('staff.code')}
            required
            {...form.text('staffCode')}
            data-testid="staff-staffCode"
          />
          <TextInput
            label={t('common.fullName')}
            required
            {...form.text('fullName')}
            data-testid="staff-fullName"
          />
          <NativeSelect
            label={t('staff.category')}
            data={StaffCategory.options.map((c) => ({ value: c, label: t(`staffCategory.${c}`) }))}
            {...form.text('category')}
            data-testid="staff-category"
          />
          <NativeSelect
            label={t('staff.position')}
            required
            data={[
              { value: '', label: t('common.choose') },
              ...positionCodes.map((p) => ({ value: p, label: positionLabel(t, p) })),
            ]}
            {...form.text('position')}
            data-testid="staff-position"
          />
          <TextInput
            label={t('common.birthDate')}
            placeholder={t('validation.datePlaceholder')}
            {...form.text('birthDate')}
            data-testid="staff-birthDate"
          />
          <NativeSelect
            label={t('common.gender')}
            required
            data={[
              { value: '', label: t('common.choose') },
              { value: 'M', label: t('gender.M') },
              { value: 'F', label: t('gender.F') },
            ]}
            {...form.text('gender')}
            data-testid="staff-gender"
          />
          <NativeSelect
            label={t('common.ethnicity')}
            data={[
              { value: '', label: t('common.none') },
              ...(ethnicities.data ?? []).map((e) => ({ value: e.code, label: e.name })),
            ]}
            {...form.text('ethnicityCode')}
          />
          <TextInput label={t('students.citizenId')} inputMode="numeric" {...form.text('citizenId')} />
          <NativeSelect
            label={t('staff.qualification')}
            data={[
              { value: '', label: t('common.none') },
              ...Qualification.options.map((q) => ({ value: q, label: t(`qualification.${q}`) })),
            ]}
            {...form.text('qualification')}
          />
          <TextInput label={t('staff.mainSubject')} {...form.text('mainSubjectCode')} />
          <TextInput label={t('common.phone')} type="tel" {...form.text('phone')} data-testid="staff-phone" />
          <TextInput label={t('common.email')} type="email" {...form.text('email')} />
          <NativeSelect
            label={t('common.status')}
            data={STAFF_STATUSES.map((s) => ({ value: s, label: t(`staffStatus.${s}`) }))}
            {...form.text('status')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          )}
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="staff-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
