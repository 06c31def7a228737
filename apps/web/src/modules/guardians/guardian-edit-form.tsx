import { Button, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type Guardian, Relationship } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { type GuardianCreateInput, useCreateGuardian, useUpdateGuardian } from './guardians.hooks';

export type GuardianEditFormProps = {
  schoolId: string;
  /** Edit this guardian; without it the form creates one linked to `studentId`. */
  guardian?: Guardian;
  studentId?: string;
  onDone: (guardian: Guardian) => void;
  onCancel?: () => void;
};

/** Cha mẹ / người giám hộ: create (linked to a student) and edit. */
export function GuardianEditForm({ schoolId, guardian, studentId, onDone, onCancel }: GuardianEditFormProps) {
  const { t } = useTranslation();
  const create = useCreateGuardian(schoolId);
  const update = useUpdateGuardian(schoolId, guardian?.id ?? '');
  const form = useFormState({
    fullName: guardian?.fullName ?? '',
    phone: guardian?.phone ?? '',
    email: guardian?.email ?? '',
    citizenId: guardian?.citizenId ?? '',
    occupation: guardian?.occupation ?? '',
    address: guardian?.address ?? '',
    relationship: 'mother',
    isPrimary: false,
  });
  const v = form.values;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<keyof typeof v, string>> = {};
    if (v.fullName.trim().length < 2) errors.fullName = t('validation.required');
    if (!/^0\d{9,10}$/.test(v.phone.trim())) errors.phone = t('guardians.phoneInvalid');
    if (Object.keys(errors).length) return form.setErrors(errors);
    const body = {
      fullName: v.fullName.trim(),
      phone: v.phone.trim(),
      email: orNull(v.email),
      citizenId: orNull(v.citizenId),
      occupation: orNull(v.occupation),
      address: orNull(v.address),
    };
    const handlers = {
      onSuccess: (saved: Guardian) => {
        notifySuccess(t('messages.saved'));
        onDone(saved);
      },
      onError: (err: unknown) => {
        if (!form.applyServerError(err)) notifyError(err);
      },
    };
    if (guardian) update.mutate(body, handlers);
    else if (studentId)
      create.mutate(
        {
          ...body,
          studentId,
          relationship: v.relationship as GuardianCreateInput['relationship'],
          isPrimary: v.isPrimary,
        },
        handlers,
      );
  };

  return (
    <form onSubmit={submit} noValidate data-testid="guardian-form">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('common.fullName')}
            required
            {...form.text('fullName')}
            data-testid="guardian-fullName"
          />
          <TextInput
            label={t('common.phone')}
            required
            type="tel"
            inputMode="tel"
            {...form.text('phone')}
            data-testid="guardian-phone"
          />
          {!guardian && (
            <NativeSelect
              label={t('guardians.relationship')}
              data={Relationship.options.map((r) => ({ value: r, label: t(`relationship.${r}`) }))}
              {...form.text('relationship')}
              data-testid="guardian-relationship"
            />
          )}
          <TextInput
            label={t('common.email')}
            type="email"
            {...form.text('email')}
            data-testid="guardian-email"
          />
          <TextInput label={t('students.citizenId')} inputMode="numeric" {...form.text('citizenId')} />
          <TextInput label={t('guardians.occupation')} {...form.text('occupation')} />
        </SimpleGrid>
        <TextInput label={t('common.address')} {...form.text('address')} />
        {!guardian && <Checkbox label={t('guardians.primaryLabel')} {...form.checkbox('isPrimary')} />}
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('actions.cancel')}
            </Button>
          )}
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="guardian-submit">
            {t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
