import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { RoleGate } from '../../components/RoleGate';
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
          <RoleGate permission="bills.read">
            <BillPage />
          </RoleGate>
        }
      />
      <Route
        path="payment-plans"
        element={
          <RoleGate permission="paymentPlans.read">
            <PaymentPlansPage />
          </RoleGate>
        }
      />
      <Route
        path="payment-plans/:id"
        element={
          <RoleGate permission="paymentPlans.read">
            <PaymentPlanPage />
          </RoleGate>
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
    <RoleGate permission="bills.read">
      <BillsPage />
    </RoleGate>
  );
}
