import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import type { Permission } from '../../auth/permissions';

const TABS: readonly { to: string; label: string; permission: Permission }[] = [
  { to: '/billing', label: 'Bills', permission: 'bills.read' },
  { to: '/billing/payment-plans', label: 'Payment plans', permission: 'paymentPlans.read' },
  { to: '/billing/claims', label: 'Claims', permission: 'claims.manage' },
  { to: '/billing/remittances', label: 'Remittances', permission: 'claims.manage' },
];

/** Switches between the billing lists the role may read (bills, payment plans, claims, remittances). */
export function BillingTabs() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tabs = TABS.filter((t) => can(t.permission));
  if (tabs.length < 2) return null;
  const current =
    tabs.find((t) => t.to !== '/billing' && pathname.startsWith(t.to))?.to ?? '/billing';
  return (
    <Tabs value={current} onChange={(value) => value !== null && void navigate(value)} mb="md">
      <Tabs.List>
        {tabs.map((t) => (
          <Tabs.Tab key={t.to} value={t.to}>
            {t.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
    </Tabs>
  );
}
