import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import type { Permission } from '../../auth/permissions';
import { BillPage } from './BillPage';
import { BillsPage } from './BillsPage';
import { PaymentPlanPage } from './PaymentPlanPage';
import { PaymentPlansPage } from './PaymentPlansPage';

/** The billing screens (routes under /billing): bills, and the payment plans of quotes. */
export default function BillingArea() {
  return (
    <Routes>
      <Route index element={<BillingHome />} />
      <Route
        path="bills/:id"
        element={
          <Allowed permission="bills.read">
            <BillPage />
          </Allowed>
        }
      />
      <Route
        path="payment-plans"
        element={
          <Allowed permission="paymentPlans.read">
            <PaymentPlansPage />
          </Allowed>
        }
      />
      <Route
        path="payment-plans/:id"
        element={
          <Allowed permission="paymentPlans.read">
            <PaymentPlanPage />
          </Allowed>
        }
      />
      <Route path="*" element={<Navigate to="/billing" replace />} />
    </Routes>
  );
}

/** Bills for those who read them; a coordinator (payment plans only) lands on the plans. */
function BillingHome() {
  const { can } = useAuth();
  if (!can('bills.read') && can('paymentPlans.read')) {
    return <Navigate to="/billing/payment-plans" replace />;
  }
  return (
    <Allowed permission="bills.read">
      <BillsPage />
    </Allowed>
  );
}

/** A screen the role may not use says so, rather than failing on the API's 403. */
function Allowed({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (can(permission)) return <>{children}</>;
  return (
    <Alert color="yellow" title="Not available to your role">
      Your role does not give access to this screen.
    </Alert>
  );
}
