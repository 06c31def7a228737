import { Route, Routes } from 'react-router';
import { OpsDashboardPage } from './ops-dashboard-page';
import { PilotPage } from './pilot-page';
import { PlanPage } from './plan-page';

/** Everything under /operations (trung tâm điều hành): one lazy route in the app router, the pages here. */
export function OperationsRoutes() {
  return (
    <Routes>
      <Route index element={<OpsDashboardPage />} />
      <Route path="schools/:schoolId" element={<OpsDashboardPage />} />
      <Route path="plans/:planId" element={<PlanPage />} />
      <Route path="plans/:planId/pilot" element={<PilotPage />} />
    </Routes>
  );
}
