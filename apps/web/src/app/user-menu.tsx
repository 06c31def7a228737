import { Avatar, Badge, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { Me } from '@smartedu/contracts';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLogout } from '../modules/auth/auth.hooks';
import { ChangePasswordModal } from '../modules/auth/change-password-modal';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((w) => w[0])
    .join('')
    .toUpperCase();

export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [passwordOpen, password] = useDisclosure(false);

  return (
    <>
      <Menu position="bottom-end" width={260} withinPortal>
        <Menu.Target>
          <UnstyledButton data-testid="user-menu" aria-label={t('user.menu')}>
            <Group gap={6} wrap="nowrap">
              <Avatar size="sm" color="blue" radius="xl">
                {initials(me.fullName)}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="md" truncate maw={160}>
                {me.fullName}
              </Text>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark">
              {me.fullName}
            </Text>
            <Text size="xs" c="dimmed">
              {me.username}
            </Text>
            <Group gap={4} mt={4}>
              {me.roles.map((r) => (
                <Badge key={`${r.role}-${r.unitId}`} size="xs" variant="light">
                  {t(`roles.${r.role}`)}
                </Badge>
              ))}
            </Group>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconKey size={16} />}
            onClick={password.open}
            data-testid="change-password"
          >
            {t('user.changePassword')}
          </Menu.Item>
          <Menu.Item
            color="red"
            leftSection={<IconLogout size={16} />}
            data-testid="logout"
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => void navigate('/login', { replace: true }) })
            }
          >
            {t('user.logout')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpen} onClose={password.close} />
    </>
  );
}
