import { AppShell, Burger, Group, NavLink, ScrollArea, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { PageLoader, QueryError } from '../components/query-state';
import { ApiError } from '../lib/api';
import { primaryGrant, useMe } from '../modules/auth/auth.hooks';
import { LanguageSwitch } from './language-switch';
import { type NavItem, navigationFor } from './navigation';
import { UserMenu } from './user-menu';

/** Record pages live under /schools/:id/<section>/:id; they belong to that section's nav item. */
const SECTION_OF: Partial<Record<NavItem['key'], string>> = {
  classes: 'classes',
  'my-classes': 'classes',
  students: 'students',
  guardians: 'guardians',
  staff: 'staff',
};

function isActive(item: NavItem, pathname: string, search: string): boolean {
  const section = /^\/schools\/[^/]+\/(classes|students|guardians|staff)\//.exec(pathname)?.[1];
  if (section) return SECTION_OF[item.key] === section;
  const [path, query] = item.path.split('?');
  if (query) return pathname === path && search.includes(query);
  if (item.key === 'classes') return pathname === '/classes' && !search.includes('mine=1');
  if (item.key === 'school') return pathname === path;
  return pathname === path || pathname.startsWith(`${path}/`);
}

/** The signed-in frame: header (app, unit, language, user), role navigation, page outlet. */
export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.error instanceof ApiError && me.error.status === 401) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.isError || !me.data) return <QueryError error={me.error} />;

  const items = navigationFor(me.data);
  const unitName = primaryGrant(me.data)?.unitName ?? '';

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'sm', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" gap="sm" wrap="nowrap" justify="space-between">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              data-testid="nav-burger"
            />
            <UnstyledButton component={Link} to="/" aria-label="SmartEdu">
              <Group gap={6} wrap="nowrap">
                <ThemeIcon size="md" radius="md">
                  <IconSchool size={18} />
                </ThemeIcon>
                <Text fw={700} c="blue.8" size="lg">
                  SmartEdu
                </Text>
              </Group>
            </UnstyledButton>
            <Text
              size="sm"
              c="dimmed"
              truncate
              visibleFrom="sm"
              data-testid="header-unit"
              style={{ minWidth: 0 }}
            >
              {unitName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <LanguageSwitch />
            <UserMenu me={me.data} />
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="xs" data-testid="navbar">
        <AppShell.Section hiddenFrom="sm" px="sm" pb="xs">
          <Text size="sm" c="dimmed">
            {unitName}
          </Text>
        </AppShell.Section>
        <AppShell.Section grow component={ScrollArea}>
          {items.map((item) => (
            <NavLink
              key={item.key}
              component={Link}
              to={item.path}
              label={t(item.labelKey)}
              leftSection={<item.icon size={18} stroke={1.6} />}
              active={isActive(item, location.pathname, location.search)}
              onClick={close}
              data-testid={`nav-${item.key}`}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>

      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
