import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The patients screens (routes under /patients). */
export default function PatientsArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Patients" />} />
    </Routes>
  );
}
