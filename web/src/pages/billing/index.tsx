import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The billing screens (routes under /billing). */
export default function BillingArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Billing" />} />
    </Routes>
  );
}
