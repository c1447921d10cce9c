import { Route, Routes } from 'react-router';
import { NewPatientPage } from './NewPatientPage';
import { PatientListPage } from './PatientListPage';
import { PatientPage } from './PatientPage';

/** The patients screens (routes under /patients). */
export default function PatientsArea() {
  return (
    <Routes>
      <Route index element={<PatientListPage />} />
      <Route path="new" element={<NewPatientPage />} />
      <Route path=":id" element={<PatientPage />} />
    </Routes>
  );
}
