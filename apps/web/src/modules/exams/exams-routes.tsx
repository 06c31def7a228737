import { Route, Routes } from 'react-router';
import { AttemptPage } from './attempt-page';
import { ExamCreatePage } from './exam-create-page';
import { ExamDetailPage } from './exam-detail-page';
import { ExamListPage } from './exam-list-page';
import { ExamTakePage } from './exam-take-page';
import { StudentResultsPage } from './student-results-page';

/** Everything under /exams: one lazy route in the app router, the module's own pages here. */
export function ExamsRoutes() {
  return (
    <Routes>
      <Route index element={<ExamListPage />} />
      <Route path="new" element={<ExamCreatePage />} />
      <Route path="results" element={<StudentResultsPage />} />
      <Route path="attempts/:schoolId/:attemptId" element={<AttemptPage />} />
      <Route path=":examId" element={<ExamDetailPage />} />
      <Route path=":examId/take" element={<ExamTakePage />} />
    </Routes>
  );
}
