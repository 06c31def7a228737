import { Route, Routes } from 'react-router';
import { QuestionEditorPage } from './question-editor-page';
import { QuestionImportPage } from './question-import-page';
import { QuestionListPage } from './question-list-page';
import { TestCreatePage } from './test-create-page';
import { TestDetailPage } from './test-detail-page';
import { TestsPage } from './tests-page';

/** Everything under /question-bank: one lazy route in the app router, the module's own pages here. */
export function QuestionBankRoutes() {
  return (
    <Routes>
      <Route index element={<QuestionListPage />} />
      <Route path="review" element={<QuestionListPage reviewQueue />} />
      <Route path="import" element={<QuestionImportPage />} />
      <Route path="new" element={<QuestionEditorPage />} />
      <Route path="tests" element={<TestsPage />} />
      <Route path="tests/new" element={<TestCreatePage />} />
      <Route path="tests/:schoolId/:id" element={<TestDetailPage />} />
      <Route path=":schoolId/:id" element={<QuestionEditorPage />} />
    </Routes>
  );
}
