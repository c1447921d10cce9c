import { ScrollArea, Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';

export const SETTINGS_PAGES = [
  { to: '/settings/setup', label: 'Set-up checklist' },
  { to: '/settings/users', label: 'Staff' },
  { to: '/settings/fees', label: 'Fee schedule' },
  { to: '/settings/rooms', label: 'Operating rooms' },
  { to: '/settings/consents', label: 'Consent templates' },
  { to: '/settings/clinic', label: 'Clinic' },
  { to: '/settings/billing-profile', label: 'Billing profile' },
  { to: '/settings/payers', label: 'Payers' },
] as const;

/** The Settings area's own sections, as tabs over every settings page. */
export function SettingsNav() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = SETTINGS_PAGES.find((p) => location.pathname.startsWith(p.to))?.to ?? null;
  return (
    <Tabs
      value={current}
      onChange={(to) => {
        if (to !== null) void navigate(to);
      }}
      mb="md"
      aria-label="Settings sections"
    >
      {/* One row at every width: where the tabs do not fit, the row scrolls sideways. */}
      <ScrollArea type="auto" scrollbarSize={6} offsetScrollbars="x">
        <Tabs.List style={{ flexWrap: 'nowrap', minWidth: 'max-content' }}>
          {SETTINGS_PAGES.map((p) => (
            <Tabs.Tab key={p.to} value={p.to} px="sm" style={{ whiteSpace: 'nowrap' }}>
              {p.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </ScrollArea>
    </Tabs>
  );
}
