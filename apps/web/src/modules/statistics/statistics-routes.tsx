import { Route, Routes } from 'react-router';
import { PeriodPage } from './period-page';
import { PeriodsPage } from './periods-page';
import { ScoresPage } from './scores-page';
import { SubmissionPage } from './submission-page';

/** Everything under /statistics (thống kê, báo cáo quý, so sánh điểm): one lazy route in the app router. */
export function StatisticsRoutes() {
  return (
    <Routes>
      <Route index element={<PeriodsPage />} />
      <Route path="periods/:periodId" element={<PeriodPage />} />
      <Route path="periods/:periodId/schools/:schoolId" element={<SubmissionPage />} />
      <Route path="scores" element={<ScoresPage />} />
    </Routes>
  );
}
