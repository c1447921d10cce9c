import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';

/** Switches between bills and payment plans, for a role that may read both. */
export function BillingTabs() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!can('bills.read') || !can('paymentPlans.read')) return null;
  const current = pathname.startsWith('/billing/payment-plans')
    ? '/billing/payment-plans'
    : '/billing';
  return (
    <Tabs value={current} onChange={(value) => value !== null && void navigate(value)} mb="md">
      <Tabs.List>
        <Tabs.Tab value="/billing">Bills</Tabs.Tab>
        <Tabs.Tab value="/billing/payment-plans">Payment plans</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
