import { ScrollArea, Tabs } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router';

export const SETTINGS_PAGES = [
  { to: '/settings/setup', label: 'Set-up' },
  { to: '/settings/users', label: 'Staff' },
  { to: '/settings/fees', label: 'Fee schedule' },
  { to: '/settings/rooms', label: 'Rooms' },
  { to: '/settings/calendar', label: 'Calendar' },
  { to: '/settings/consents', label: 'Consents' },
  { to: '/settings/fda-checklist', label: 'FDA checklist' },
  { to: '/settings/clinic', label: 'Clinic' },
  { to: '/settings/billing-profile', label: 'Billing profile' },
  { to: '/settings/payers', label: 'Payers' },
] as const;

/**
 * The Settings area's own sections, as tabs over every settings page: one row, which fits from a
 * 1024 px window up (short labels: each page's heading names it in full); narrower, the row
 * scrolls sideways and keeps the current tab in view.
 */
export function SettingsNav() {
  const location = useLocation();
  const navigate = useNavigate();
  const viewport = useRef<HTMLDivElement>(null);
  const current = SETTINGS_PAGES.find((p) => location.pathname.startsWith(p.to))?.to ?? null;
  useEffect(() => {
    viewport.current
      ?.querySelector('[data-active]')
      ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [current]);
  return (
    <Tabs
      value={current}
      onChange={(to) => {
        if (to !== null) void navigate(to);
      }}
      mb="md"
      aria-label="Settings sections"
    >
      <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x" viewportRef={viewport}>
        <Tabs.List style={{ flexWrap: 'nowrap', minWidth: 'max-content' }}>
          {SETTINGS_PAGES.map((p) => (
            <Tabs.Tab key={p.to} value={p.to} px={8} style={{ whiteSpace: 'nowrap' }}>
              {p.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </ScrollArea>
    </Tabs>
  );
}
