import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The plans screens (routes under /plans). */
export default function PlansArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Plans" />} />
    </Routes>
  );
}
