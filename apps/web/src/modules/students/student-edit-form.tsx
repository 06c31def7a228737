import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Orphan, Poverty, type Student } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { formatDate, parseDateInput } from '../../lib/format';
import { useClassOptions } from '../classes/classes.hooks';
import { useEthnicities } from '../reference/reference.hooks';
import { useCreateStudent, useUpdateStudent } from './students.hooks';

export type StudentEditFormProps = {
  schoolId: string;
  /** Edit this student; without it the form creates one. */
  student?: Student;
  /** Class for a new student (fixed when adding from a class page). */
  classId?: string;
  lockClass?: boolean;
  onDone: (student: Student) => void;
  onCancel?: () => void;
};

/** Hồ sơ học sinh: create and edit; server validation errors land on the named field. */
export function StudentEditForm({
  schoolId,
  student,
  classId,
  lockClass,
  onDone,
  onCancel,
}: StudentEditFormProps) {
  const { t } = useTranslation();
  const ethnicities = useEthnicities();
  const classes = useClassOptions(student ? undefined : schoolId);
  const create = useCreateStudent(schoolId);
  const update = useUpdateStudent(schoolId, student?.id ?? '');
  const form = useFormState({
    fullName: student?.fullName ?? '',
    sectorId: student?.sectorId ?? '',
    citizenId: student?.citizenId ?? '',
    birthDate: student ? formatDate(student.birthDate) : '',
    gender: student?.gender ?? '',
    ethnicityCode: student?.ethnicityCode ?? '01',
    classId: classId ?? '',
    address: student?.address ?? '',
    disability: student?.disability ?? '',
    poverty: student?.poverty ?? 'none',
    orphan: student?.orphan ?? 'none',
  });
  const v = form.values;
  const pending = create.isPending || update.isPending;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const birthDate = parseDateInput(v.birthDate);
    const errors: Partial<Record<keyof typeof v, string>> = {};
    if (v.fullName.trim().length < 2) errors.fullName = t('validation.required');
    if (!/^\d{8,15}$/.test(v.sectorId.trim())) errors.sectorId = t('students.sectorIdInvalid');
    if (!birthDate) errors.birthDate = t('validation.date');
    if (v.gender !== 'M' && v.gender !== 'F') errors.gender = t('validation.required');
    if (!v.ethnicityCode) errors.ethnicityCode = t('validation.required');
    if (Object.keys(errors).length > 0 || !birthDate) return form.setErrors(errors);

    const body = {
      fullName: v.fullName.trim(),
      sectorId: v.sectorId.trim(),
      citizenId: orNull(v.citizenId),
      birthDate,
      gender: v.gender as 'M' | 'F',
      ethnicityCode: v.ethnicityCode,
      address: orNull(v.address),
      disability: orNull(v.disability),
      poverty: v.poverty as Student['poverty'],
      orphan: v.orphan as Student['orphan'],
    };
    const handlers = {
      onSuccess: (saved: Student) => {
        notifySuccess(student ? t('messages.saved') : t('students.created', { name: saved.fullName }));
        onDone(saved);
      },
      onError: (err: unknown) => {
        if (!form.applyServerError(err)) notifyError(err);
      },
    };
    if (student) update.mutate(body, handlers);
    else create.mutate({ ...body, classId: v.classId || null }, handlers);
  };

  return (
    <form onSubmit={submit} noValidate data-testid="student-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('common.fullName')}
            required
            autoComplete="off"
            {...form.text('fullName')}
            data-testid="student-fullName"
          />
          <TextInput
            label={t('students.sectorId')}
            description={t('students.sectorIdHint')}
            required
            inputMode="numeric"
            {...form.text('sectorId')}
            data-testid="student-sectorId"
          />
          <TextInput
            label={t('common.birthDate')}
            placeholder={t('validation.datePlaceholder')}
            required
            inputMode="numeric"
            {...form.text('birthDate')}
            data-testid="student-birthDate"
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
            data-testid="student-gender"
          />
          <NativeSelect
            label={t('common.ethnicity')}
            required
            data={
              ethnicities.data
                ? ethnicities.data.map((e) => ({ value: e.code, label: e.name }))
                : [{ value: v.ethnicityCode, label: v.ethnicityCode }]
            }
            {...form.text('ethnicityCode')}
            data-testid="student-ethnicity"
          />
          <TextInput
            label={t('students.citizenId')}
            inputMode="numeric"
            {...form.text('citizenId')}
            data-testid="student-citizenId"
          />
          {!student && (
            <NativeSelect
              label={t('common.class')}
              disabled={lockClass}
              data={[{ value: '', label: t('common.none') }, ...classes.options]}
              {...form.text('classId')}
              data-testid="student-classId"
            />
          )}
          <NativeSelect
            label={t('students.poverty')}
            data={Poverty.options.map((p) => ({ value: p, label: t(`poverty.${p}`) }))}
            {...form.text('poverty')}
            data-testid="student-poverty"
          />
          <NativeSelect
            label={t('students.orphan')}
            data={Orphan.options.map((o) => ({ value: o, label: t(`orphan.${o}`) }))}
            {...form.text('orphan')}
            data-testid="student-orphan"
          />
          <TextInput
            label={t('students.disability')}
            {...form.text('disability')}
            data-testid="student-disability"
          />
        </SimpleGrid>
        <TextInput label={t('common.address')} {...form.text('address')} data-testid="student-address" />
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          )}
          <Button type="submit" loading={pending} data-testid="student-submit">
            {student ? t('actions.save') : t('students.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
