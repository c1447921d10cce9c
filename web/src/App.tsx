import { useQuery } from '@tanstack/react-query';
import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from './auth/AuthProvider';
import { PageLoader } from './components/PageLoader';
import { AppLayout } from './layout/AppLayout';
import { clinicSetupQuery } from './pages/settings/queries';
import { SignInPage } from './pages/SignInPage';

// Each area is its own chunk: the first load carries only the frame and the sign-in page.
const PatientsArea = lazy(() => import('./pages/patients'));
const PlansArea = lazy(() => import('./pages/plans'));
const TheaterArea = lazy(() => import('./pages/theater'));
const CalendarArea = lazy(() => import('./pages/calendar'));
const InventoryArea = lazy(() => import('./pages/inventory'));
const BillingArea = lazy(() => import('./pages/billing'));
const ReportsArea = lazy(() => import('./pages/reports'));
const AuditArea = lazy(() => import('./pages/audit'));
const SettingsArea = lazy(() => import('./pages/settings'));

/**
 * Where "/" leads: an administrator of a clinic not yet set up lands on the set-up checklist
 * (until each item is done); everyone else on their work.
 */
function Home() {
  const { can } = useAuth();
  const admin = can('settings.manage');
  const setup = useQuery({ ...clinicSetupQuery(), enabled: admin });
  if (admin && setup.isPending) return <PageLoader />;
  if (admin && setup.data?.complete === false) return <Navigate to="/settings/setup" replace />;
  return (
    <Navigate
      to={can('plans.read') ? '/plans' : can('bills.read') ? '/billing' : '/patients'}
      replace
    />
  );
}

export function App() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignInPage />} />
      <Route element={<AppLayout />}>
        <Route index element={<Home />} />
        <Route path="patients/*" element={<PatientsArea />} />
        <Route path="plans/*" element={<PlansArea />} />
        <Route path="theater/*" element={<TheaterArea />} />
        <Route path="cases/*" element={<TheaterArea />} />
        <Route path="calendar/*" element={<CalendarArea />} />
        <Route path="inventory/*" element={<InventoryArea />} />
        <Route path="billing/*" element={<BillingArea />} />
        <Route path="reports/*" element={<ReportsArea />} />
        <Route path="audit/*" element={<AuditArea />} />
        <Route path="settings/*" element={<SettingsArea />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}
