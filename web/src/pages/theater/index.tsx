import { Navigate, Route, Routes, useLocation } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { CasePage } from './CasePage';
import { TheaterDayPage } from './TheaterDayPage';
import { WeekPage } from './WeekPage';

/**
 * The theater screens. App.tsx mounts this area at both /theater/* (the day) and /cases/* (one
 * case), and relative routes look the same under either, so the path picks the route tree.
 */
export default function TheaterArea() {
  return (
    <RoleGate
      permission="cases.read"
      pageTitle="Theater"
      message="Your role does not see the theater schedule."
    >
      <TheaterRoutes />
    </RoleGate>
  );
}

function TheaterRoutes() {
  const { pathname } = useLocation();
  if (pathname === '/cases' || pathname.startsWith('/cases/')) {
    return (
      <Routes>
        <Route path=":id" element={<CasePage />} />
        <Route path="*" element={<Navigate to="/theater" replace />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route index element={<TheaterDayPage />} />
      <Route path="week" element={<WeekPage />} />
      <Route path="*" element={<Navigate to="/theater" replace />} />
    </Routes>
  );
}
