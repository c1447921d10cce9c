import { Navigate, Route, Routes } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { AppointmentTypesPage } from './AppointmentTypesPage';
import { BillingProfilePage } from './BillingProfilePage';
import { CalendarSettings } from './CalendarSettings';
import { ClinicPage } from './ClinicPage';
import { ConsentTemplatesPage } from './ConsentTemplatesPage';
import { ExamRoomsPage } from './ExamRoomsPage';
import { FdaChecklistPage } from './FdaChecklistPage';
import { FeeSchedulePage } from './FeeSchedulePage';
import { OperatingRoomsPage } from './OperatingRoomsPage';
import { PayersPage } from './PayersPage';
import { SettingsNav } from './SettingsNav';
import { SetupChecklistPage } from './SetupChecklistPage';
import { StaffPage } from './StaffPage';
import { TimeOffPage } from './TimeOffPage';
import { WorkingHoursPage } from './WorkingHoursPage';

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
        <Route path="calendar" element={<CalendarSettings />}>
          <Route index element={<Navigate to="/settings/calendar/working-hours" replace />} />
          <Route path="exam-rooms" element={<ExamRoomsPage />} />
          <Route path="working-hours" element={<WorkingHoursPage />} />
          <Route path="time-off" element={<TimeOffPage />} />
          <Route path="appointment-types" element={<AppointmentTypesPage />} />
        </Route>
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
