import { Button, Checkbox, Group, Modal, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ClassItem } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { orNull, useFormState } from '../../lib/form-state';
import { useSchoolYears } from '../reference/reference.hooks';
import { useTeacherOptions } from '../staff/staff.hooks';
import { useCreateClass, useUpdateClass } from './classes.hooks';

type Props = { opened: boolean; onClose: () => void; schoolId: string; klass?: ClassItem };

/** Thêm / sửa lớp. */
export function ClassFormModal({ opened, onClose, schoolId, klass }: Props) {
  const { t } = useTranslation();
  const years = useSchoolYears();
  const teachers = useTeacherOptions(schoolId);
  const create = useCreateClass(schoolId);
  const update = useUpdateClass(schoolId, klass?.id ?? '');
  const currentYear = years.data?.find((y) => y.isCurrent)?.id ?? '';
  const form = useFormState({
    schoolYearId: klass?.schoolYearId ?? '',
    grade: String(klass?.grade ?? 6),
    name: klass?.name ?? '',
    homeroomTeacherId: klass?.homeroomTeacherId ?? '',
    room: klass?.room ?? '',
    isSmart: klass?.isSmart ?? false,
  });
  const v = form.values;
  // Keep the current homeroom teacher selectable even if the staff list is not available.
  const teacherOptions =
    klass?.homeroomTeacherId && !teachers.options.some((o) => o.value === klass.homeroomTeacherId)
      ? [{ value: klass.homeroomTeacherId, label: klass.homeroomTeacherName ?? '' }, ...teachers.options]
      : teachers.options;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!v.name.trim()) return form.setErrors({ name: t('validation.required') });
    const body = {
      grade: Number(v.grade),
      name: v.name.trim(),
      homeroomTeacherId: v.homeroomTeacherId || null,
      room: orNull(v.room),
      isSmart: v.isSmart,
    };
    const handlers = {
      onSuccess: () => {
        notifySuccess(t('messages.saved'));
        if (!klass) form.reset();
        onClose();
      },
      onError: (err: unknown) => {
        if (!form.applyServerError(err)) notifyError(err);
      },
    };
    if (klass) update.mutate(body, handlers);
    else create.mutate({ ...body, schoolYearId: v.schoolYearId || currentYear }, handlers);
  };

  return (
    <Modal opened={opened} onClose={onClose} title={klass ? t('classes.edit') : t('classes.add')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {!klass && (
            <NativeSelect
              label={t('classes.year')}
              data={(years.data ?? []).map((y) => ({ value: y.id, label: y.name }))}
              value={v.schoolYearId || currentYear}
              onChange={(e) => form.setField('schoolYearId', e.currentTarget.value)}
              error={form.errors.schoolYearId}
            />
          )}
          <SimpleGrid cols={2}>
            <TextInput label={t('classes.name')} required {...form.text('name')} data-testid="class-name" />
            <NativeSelect
              label={t('classes.grade')}
              data={Array.from({ length: 12 }, (_, i) => String(i + 1))}
              {...form.text('grade')}
            />
          </SimpleGrid>
          <NativeSelect
            label={t('classes.homeroom')}
            data={[{ value: '', label: t('common.none') }, ...teacherOptions]}
            {...form.text('homeroomTeacherId')}
          />
          <TextInput label={t('classes.room')} {...form.text('room')} />
          <Checkbox label={t('classes.smartLabel')} {...form.checkbox('isSmart')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} data-testid="class-submit">
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
