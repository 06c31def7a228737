import { Button, Group, Modal, NativeSelect, Stack, Textarea, TextInput } from '@mantine/core';
import type { Student } from '@smartedu/contracts';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useFormState } from '../../lib/form-state';
import { parseDateInput } from '../../lib/format';
import { useClassOptions } from '../classes/classes.hooks';
import { useSchoolOptions } from '../units/units.hooks';
import { useTransferStudent } from './students.hooks';

const today = () => {
  const d = new Date();
  return `${String(d.getDate()).padStart(2, '0')}/${String(d.getMonth() + 1).padStart(2, '0')}/${d.getFullYear()}`;
};

/** Chuyển lớp (same school) or chuyển trường (another school in scope). */
export function StudentTransferModal({
  student,
  opened,
  onClose,
}: {
  student: Student;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schools = useSchoolOptions();
  const transfer = useTransferStudent(student.schoolId, student.id);
  const form = useFormState({ toSchoolId: student.schoolId, toClassId: '', date: today(), note: '' });
  const classes = useClassOptions(form.values.toSchoolId);
  const classOptions = classes.options.filter((c) => c.value !== student.currentClassId);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const date = parseDateInput(form.values.date);
    if (!form.values.toClassId) return form.setErrors({ toClassId: t('validation.required') });
    if (!date) return form.setErrors({ date: t('validation.date') });
    transfer.mutate(
      {
        toClassId: form.values.toClassId,
        toSchoolId: form.values.toSchoolId !== student.schoolId ? form.values.toSchoolId : undefined,
        date,
        note: form.values.note.trim() || undefined,
      },
      {
        onSuccess: () => {
          notifySuccess(t('messages.saved'));
          onClose();
        },
        onError: (err) => {
          if (!form.applyServerError(err)) notifyError(err);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`${t('students.transfer')} — ${student.fullName}`}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {schools.options.length > 1 && (
            <NativeSelect
              label={t('students.toSchool')}
              data={schools.options}
              value={form.values.toSchoolId}
              onChange={(e) => {
                form.setField('toSchoolId', e.currentTarget.value);
                form.setField('toClassId', '');
              }}
            />
          )}
          <NativeSelect
            label={t('students.toClass')}
            data={[{ value: '', label: t('common.choose') }, ...classOptions]}
            {...form.text('toClassId')}
            data-testid="transfer-class"
          />
          <TextInput
            label={t('students.transferDate')}
            placeholder={t('validation.datePlaceholder')}
            {...form.text('date')}
          />
          <Textarea label={t('common.note')} autosize minRows={2} {...form.text('note')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={transfer.isPending} data-testid="transfer-submit">
              {t('students.transfer')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
