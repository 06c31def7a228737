import { Route, Routes } from 'react-router';
import { GradeGridPage } from './grade-grid-page';
import { GradebookClassPage } from './gradebook-class-page';
import { GradebookHomePage } from './gradebook-home-page';
import { FamilyReportPage, StudentReportPage } from './student-report';

/** Everything under /gradebook: one lazy route in the app router, the module's own pages here. */
export function GradebookRoutes() {
  return (
    <Routes>
      <Route index element={<GradebookHomePage />} />
      <Route path="classes/:schoolId/:classId" element={<GradebookClassPage />} />
      <Route path="classes/:schoolId/:classId/grid" element={<GradeGridPage />} />
      <Route path="report" element={<FamilyReportPage />} />
      <Route path="report/:schoolId/:studentId" element={<StudentReportPage />} />
    </Routes>
  );
}
