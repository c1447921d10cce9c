import { AppShell, Burger, Button, Group, Menu, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { NavLink as RouterLink, Navigate, Outlet, useLocation } from 'react-router';
import { signInPath, useAuth } from '../auth/AuthProvider';
import type { Permission } from '../auth/permissions';
import { PageLoader } from '../components/PageLoader';
import { ChangePasswordModal } from './ChangePasswordModal';
import { ClinicTimeZoneGate, ClinicTimeZoneLabel } from './ClinicTimeZone';
import { IdleWarning } from './IdleWarning';
import { NAVBAR_WIDTH } from './frame';

const SECTIONS: readonly { to: string; label: string; permission?: Permission }[] = [
  { to: '/patients', label: 'Patients' },
  { to: '/plans', label: 'Plan board', permission: 'plans.read' },
  { to: '/calendar', label: 'Calendar', permission: 'calendar.read' },
  { to: '/theater', label: 'Theater day', permission: 'cases.read' },
  { to: '/inventory', label: 'Inventory' },
  { to: '/billing', label: 'Billing', permission: 'bills.read' },
  { to: '/reports', label: 'Reports', permission: 'reports.read' },
  { to: '/audit', label: 'Audit', permission: 'audit.read' },
  { to: '/settings', label: 'Settings', permission: 'settings.manage' },
];

/**
 * The frame of every signed-in screen: the sections this role may use, the user (whose menu
 * changes their password), sign-out.
 */
export function AppLayout() {
  const { user, ended, signOut, can, changePassword, idleSecondsLeft, stayActive } = useAuth();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();
  const [passwordOpened, password] = useDisclosure();
  if (user === null) {
    const here = `${location.pathname}${location.search}`;
    return <Navigate to={ended === 'signed-out' ? '/sign-in' : signInPath(here)} replace />;
  }
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: NAVBAR_WIDTH, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text fw={700} size="lg" component="span">
              Contour
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <ClinicTimeZoneLabel />
            {/* The user's own menu: every role changes its password here. */}
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="subtle" color="dark" size="xs" data-testid="signed-in-user">
                  {user.name}
                  <Text span inherit visibleFrom="sm">
                    &nbsp;· {user.role}
                  </Text>
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={password.open}>Change password</Menu.Item>
                {/* On a phone the header has room for the name only: signing out is in this menu. */}
                <Menu.Item onClick={signOut} hiddenFrom="sm">
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" size="xs" onClick={signOut} visibleFrom="sm">
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Sections">
        {SECTIONS.filter((s) => s.permission === undefined || can(s.permission)).map((s) => (
          <NavLink
            key={s.to}
            component={RouterLink}
            to={s.to}
            label={s.label}
            onClick={close}
            active={location.pathname.startsWith(s.to)}
            // Filled: white on the primary colour's dark shade keeps 4.5:1 (the light variant does not).
            variant="filled"
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <ClinicTimeZoneGate>
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </ClinicTimeZoneGate>
      </AppShell.Main>
      <ChangePasswordModal
        opened={passwordOpened}
        onClose={password.close}
        changePassword={changePassword}
      />
      <IdleWarning secondsLeft={idleSecondsLeft} onStay={stayActive} onSignOut={signOut} />
    </AppShell>
  );
}
