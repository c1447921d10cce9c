import { Navigate, Route, Routes } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { AuditEventsPage } from './AuditEventsPage';

/** The audit screens (routes under /audit): the clinic's audit trail, for ADMIN. */
export default function AuditArea() {
  return (
    <RoleGate permission="audit.read" message="Only an administrator reads the audit trail.">
      <Routes>
        <Route index element={<AuditEventsPage />} />
        <Route path="*" element={<Navigate to="/audit" replace />} />
      </Routes>
    </RoleGate>
  );
}
