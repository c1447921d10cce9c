import { Route, Routes } from 'react-router';
import { NewPlanPage } from './NewPlanPage';
import { PlanBoard } from './PlanBoard';
import { PlanPage } from './PlanPage';

/** The plans screens: the board (`/plans`), a new plan (`/plans/new`), one plan (`/plans/:id`). */
export default function PlansArea() {
  return (
    <Routes>
      <Route index element={<PlanBoard />} />
      <Route path="new" element={<NewPlanPage />} />
      <Route path=":id" element={<PlanPage />} />
    </Routes>
  );
}
