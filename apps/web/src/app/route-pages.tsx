import { Alert, Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isRouteErrorResponse, Link, Navigate, useRouteError } from 'react-router';
import { PageLoader } from '../components/query-state';
import { homePath, useMe } from '../modules/auth/auth.hooks';

/** '/' sends each role to its own start page. */
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return <PageLoader />;
  return <Navigate to={homePath(me.data)} replace />;
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Center py={60}>
      <Stack align="center" gap="sm">
        <Title order={2}>404</Title>
        <Text c="dimmed">{t('errors.pageNotFound')}</Text>
        <Button component={Link} to="/" variant="light">
          {t('actions.goHome')}
        </Button>
      </Stack>
    </Center>
  );
}

export function RouteErrorPage() {
  const { t } = useTranslation();
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : t('errors.generic');
  return (
    <Center py={60} px="md">
      <Stack maw={520} w="100%">
        <Alert color="red" title={t('errors.title')}>
          {message}
        </Alert>
        <Button component="a" href="/" variant="light">
          {t('actions.reload')}
        </Button>
      </Stack>
    </Center>
  );
}
