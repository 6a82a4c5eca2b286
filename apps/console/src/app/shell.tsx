import { Anchor, Badge, Button, Group, Text } from '@mantine/core';
import { NavLink, Outlet } from 'react-router';
import { NotificationsButton } from '../features/notifications/notifications-button';
import { ROLE_LABELS, shortId } from '../lib/labels';
import { type Role, signOut, useSession } from '../lib/session';

const NAV: Record<Role, Array<{ to: string; label: string }>> = {
  buyer: [
    { to: '/orders', label: 'Orders' },
    { to: '/cases', label: 'Disputes' },
  ],
  supplier: [
    { to: '/cases', label: 'Disputes' },
    { to: '/orders', label: 'Orders' },
  ],
  specialist: [{ to: '/queue', label: 'Queue' }],
  reviewer: [{ to: '/queue', label: 'Appeal queue' }],
  admin: [
    { to: '/admin', label: 'Operations' },
    { to: '/cases', label: 'Cases' },
  ],
  platform: [
    { to: '/cases', label: 'Cases' },
    { to: '/orders', label: 'Orders' },
  ],
};

/** Every signed-in page: who you are, where you can go, your notifications, Sign out; then the page. */
export function Shell() {
  const session = useSession()!;
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header style={{ borderBottom: '1px solid var(--mantine-color-gray-3)', background: 'var(--mantine-color-body)' }}>
        <Group justify="space-between" px={{ base: 'xs', sm: 'md' }} py={8} gap="xs" wrap="wrap">
          <Group gap="md" wrap="wrap">
            <Anchor component={NavLink} to="/" fw={700} c="indigo.9" underline="never" size="lg">
              Arbiter
            </Anchor>
            <nav aria-label="Main">
              <Group gap="xs" wrap="wrap">
                {NAV[session.role].map((item) => (
                  <Anchor key={item.to} component={NavLink} to={item.to} className="nav-link" size="sm">
                    {item.label}
                  </Anchor>
                ))}
              </Group>
            </nav>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Badge variant="outline" color="indigo.9">
              {ROLE_LABELS[session.role]}
            </Badge>
            <Text size="xs" title={session.userId} visibleFrom="xs">
              <span className="visually-hidden">User </span>
              {shortId(session.userId)}
            </Text>
            <NotificationsButton />
            <Button size="xs" variant="default" onClick={() => signOut()}>
              Sign out
            </Button>
          </Group>
        </Group>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
