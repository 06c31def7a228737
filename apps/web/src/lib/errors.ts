import { notifications } from '@mantine/notifications';
import { i18n } from '../i18n';
import { ApiError } from './api';

/** The message to show for any thrown error; server messages are already user-facing. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK_ERROR') return i18n.t('errors.network');
    if (err.status === 404 && err.code === 'NOT_FOUND' && !err.message) return i18n.t('errors.notFound');
    return err.message || i18n.t('errors.generic');
  }
  if (err instanceof Error && err.message) return err.message;
  return i18n.t('errors.generic');
}

export function notifyError(err: unknown, title?: string) {
  notifications.show({ color: 'red', title: title ?? i18n.t('errors.title'), message: errorMessage(err) });
}

export function notifySuccess(message: string) {
  notifications.show({ color: 'green', message });
}
