import { Navigate, Route, Routes, useParams } from 'react-router';
import { RoleGate } from '../../components/RoleGate';
import { ArAgingPage } from './ArAgingPage';
import { reportInfo, type ReportName } from './catalog';
import { ConversionPage } from './ConversionPage';
import { ImplantsPage } from './ImplantsPage';
import { QuotesPage } from './QuotesPage';
import { ReportsIndexPage } from './ReportsIndexPage';
import { SurgeonProductivityPage } from './SurgeonProductivityPage';
import { TheaterUtilisationPage } from './TheaterUtilisationPage';

const PAGES: Record<ReportName, () => React.JSX.Element> = {
  conversion: ConversionPage,
  'theater-utilisation': TheaterUtilisationPage,
  'surgeon-productivity': SurgeonProductivityPage,
  'ar-aging': ArAgingPage,
  quotes: QuotesPage,
  implants: ImplantsPage,
};

/**
 * The Reports area (routes under /reports, docs/web-app.md "Reports"): the index of the reports
 * the role may open, and each report. ADMIN and BILLING open them all; COORDINATOR the clinical
 * ones; the others are told the screen is not for their role.
 */
export default function ReportsArea() {
  return (
    <RoleGate
      permission="reports.read"
      pageTitle="Reports"
      message="Reports are for administrators, billing staff and coordinators."
    >
      <Routes>
        <Route index element={<ReportsIndexPage />} />
        <Route path=":name" element={<ReportRoute />} />
        <Route path="*" element={<Navigate to="/reports" replace />} />
      </Routes>
    </RoleGate>
  );
}

function ReportRoute() {
  const info = reportInfo(useParams().name ?? '');
  if (info === undefined) return <Navigate to="/reports" replace />;
  const Page = PAGES[info.name];
  return (
    <RoleGate
      permission={info.permission}
      pageTitle={info.title}
      message="Surgeon productivity and A/R aging are for billing staff and administrators."
    >
      <Page />
    </RoleGate>
  );
}
