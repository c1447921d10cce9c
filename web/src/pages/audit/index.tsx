import { Alert } from '@mantine/core';
import { Navigate, Route, Routes } from 'react-router';
import { useAuth } from '../../auth/AuthProvider';
import { AuditEventsPage } from './AuditEventsPage';

/** The audit screens (routes under /audit): the clinic's audit trail, for ADMIN. */
export default function AuditArea() {
  const { can } = useAuth();
  if (!can('audit.read')) {
    return (
      <Alert color="yellow" title="Not available to your role">
        Only an administrator reads the audit trail.
      </Alert>
    );
  }
  return (
    <Routes>
      <Route index element={<AuditEventsPage />} />
      <Route path="*" element={<Navigate to="/audit" replace />} />
    </Routes>
  );
}
