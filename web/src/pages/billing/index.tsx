import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { RoleGate } from '../../components/RoleGate';
import { BillPage } from './BillPage';
import { ClaimPage } from './claims/ClaimPage';
import { ClaimsPage } from './claims/ClaimsPage';
import { RemittancePage } from './claims/RemittancePage';
import { RemittancesPage } from './claims/RemittancesPage';
import { BillsPage } from './BillsPage';
import { PaymentPlanPage } from './PaymentPlanPage';
import { PaymentPlansPage } from './PaymentPlansPage';

/** The billing screens (routes under /billing): bills, the payment plans of quotes, claims and remittances. */
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
      <Route
        path="claims"
        element={
          <RoleGate
            permission="claims.manage"
            pageTitle="Claims"
            message="Claims and remittances are for billing staff and administrators."
          >
            <ClaimsPage />
          </RoleGate>
        }
      />
      <Route
        path="claims/:id"
        element={
          <RoleGate
            permission="claims.manage"
            pageTitle="Claim"
            message="Claims and remittances are for billing staff and administrators."
          >
            <ClaimPage />
          </RoleGate>
        }
      />
      <Route
        path="remittances"
        element={
          <RoleGate
            permission="claims.manage"
            pageTitle="Remittances"
            message="Claims and remittances are for billing staff and administrators."
          >
            <RemittancesPage />
          </RoleGate>
        }
      />
      <Route
        path="remittances/:id"
        element={
          <RoleGate
            permission="claims.manage"
            pageTitle="Remittance"
            message="Claims and remittances are for billing staff and administrators."
          >
            <RemittancePage />
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
