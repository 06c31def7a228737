import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../lib/errors';
import { useFormState } from '../../lib/form-state';
import { useChangePassword } from './auth.hooks';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const form = useFormState({ currentPassword: '', newPassword: '', confirm: '' });

  const close = () => {
    form.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { currentPassword, newPassword, confirm } = form.values;
    if (!currentPassword) return form.setErrors({ currentPassword: t('validation.required') });
    if (newPassword.length < 12) return form.setErrors({ newPassword: t('auth.passwordPolicy') });
    if (newPassword !== confirm) return form.setErrors({ confirm: t('auth.passwordMismatch') });
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          notifySuccess(t('auth.passwordChanged'));
          close();
        },
        onError: (err) => {
          if (!form.applyServerError(err)) notifyError(err);
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title={t('user.changePassword')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <PasswordInput
            label={t('auth.currentPassword')}
            autoComplete="current-password"
            {...form.text('currentPassword')}
          />
          <PasswordInput
            label={t('auth.newPassword')}
            autoComplete="new-password"
            {...form.text('newPassword')}
          />
          <Text size="xs" c="dimmed">
            {t('auth.passwordPolicy')}
          </Text>
          <PasswordInput
            label={t('auth.confirmPassword')}
            autoComplete="new-password"
            {...form.text('confirm')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending}>
              {t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
