import { Route, Routes } from 'react-router';
import { PageHeader } from '../../components/PageHeader';

/** The theater screens (routes under /theater). */
export default function TheaterArea() {
  return (
    <Routes>
      <Route index element={<PageHeader title="Theater" />} />
    </Routes>
  );
}
