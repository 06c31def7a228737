import {
  Alert,
  Button,
  Center,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconSchool } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../app/language-switch';
import { errorMessage } from '../../lib/errors';
import { homePath, useLogin, useMe } from './auth.hooks';

/** Only same-site paths are followed after login (no open redirect). */
const safeNext = (next: string | null) => (next?.startsWith('/') && !next.startsWith('//') ? next : null);

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const me = useMe();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username?: string; password?: string }>({});
  const next = safeNext(search.get('next'));

  if (me.data && !login.isPending) return <Navigate to={next ?? homePath(me.data)} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors = {
      username: username.trim() ? undefined : t('validation.required'),
      password: password ? undefined : t('validation.required'),
    };
    setMissing(errors);
    if (errors.username || errors.password) return;
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: (data) => void navigate(next ?? homePath(data), { replace: true }) },
    );
  };

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Stack w="100%" maw={400} gap="lg">
        <Group justify="space-between">
          <Group gap="xs">
            <ThemeIcon size="lg" radius="md">
              <IconSchool size={22} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text fw={700} size="xl" c="blue.8">
                SmartEdu
              </Text>
              <Text size="xs" c="dimmed">
                {t('app.tagline')}
              </Text>
            </Stack>
          </Group>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <form onSubmit={submit} noValidate data-testid="login-form">
            <Stack>
              <Title order={2} size="h3">
                {t('auth.login')}
              </Title>
              {login.isError && (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="login-error">
                  {errorMessage(login.error)}
                </Alert>
              )}
              <TextInput
                label={t('auth.username')}
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
                error={missing.username}
                autoComplete="username"
                autoCapitalize="none"
                autoFocus
                required
                data-testid="login-username"
              />
              <PasswordInput
                label={t('auth.password')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={missing.password}
                autoComplete="current-password"
                required
                data-testid="login-password"
              />
              <Button type="submit" loading={login.isPending} fullWidth data-testid="login-submit">
                {t('auth.login')}
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="xs" c="dimmed" ta="center">
          {t('auth.help')}
        </Text>
      </Stack>
    </Center>
  );
}
