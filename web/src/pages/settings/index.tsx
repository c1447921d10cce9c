import { Navigate, Route, Routes } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { BillingProfilePage } from './BillingProfilePage';
import { ClinicPage } from './ClinicPage';
import { ConsentTemplatesPage } from './ConsentTemplatesPage';
import { FdaChecklistPage } from './FdaChecklistPage';
import { FeeSchedulePage } from './FeeSchedulePage';
import { OperatingRoomsPage } from './OperatingRoomsPage';
import { PayersPage } from './PayersPage';
import { SettingsNav } from './SettingsNav';
import { SetupChecklistPage } from './SetupChecklistPage';
import { StaffPage } from './StaffPage';

/** The Settings area (routes under /settings): how an administrator sets the clinic up. */
export default function SettingsArea() {
  return (
    <RoleGate
      permission="settings.manage"
      pageTitle="Settings"
      message="Only an administrator changes the clinic's settings."
    >
      <SettingsNav />
      <Routes>
        <Route index element={<Navigate to="/settings/setup" replace />} />
        <Route path="setup" element={<SetupChecklistPage />} />
        <Route path="users" element={<StaffPage />} />
        <Route path="fees" element={<FeeSchedulePage />} />
        <Route path="rooms" element={<OperatingRoomsPage />} />
        <Route path="consents" element={<ConsentTemplatesPage />} />
        <Route path="fda-checklist" element={<FdaChecklistPage />} />
        <Route path="clinic" element={<ClinicPage />} />
        <Route path="billing-profile" element={<BillingProfilePage />} />
        <Route path="payers" element={<PayersPage />} />
        <Route path="*" element={<Navigate to="/settings" replace />} />
      </Routes>
    </RoleGate>
  );
}
