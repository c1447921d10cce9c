import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The inventory screens (routes under /inventory). */
export default function InventoryArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Inventory" />} />
    </Routes>
  );
}
