import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The audit screens (routes under /audit). */
export default function AuditArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Audit" />} />
    </Routes>
  );
}
