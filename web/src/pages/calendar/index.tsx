import { Navigate, Route, Routes } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { AppointmentPage } from './AppointmentPage';
import { CalendarPage } from './CalendarPage';
import { DayListPage } from './DayListPage';

/** The calendar screens (routes under /calendar, issue 19): the grid, the day list, one appointment. */
export default function CalendarArea() {
  return (
    <RoleGate
      permission="calendar.read"
      pageTitle="Calendar"
      message="Your role does not see the clinic's calendar."
    >
      <Routes>
        <Route index element={<CalendarPage />} />
        <Route path="day-list" element={<DayListPage />} />
        <Route path="appointments/:id" element={<AppointmentPage />} />
        <Route path="*" element={<Navigate to="/calendar" replace />} />
      </Routes>
    </RoleGate>
  );
}
