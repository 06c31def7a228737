import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { PageLoader } from '../components/query-state';
import { AppLayout } from './app-layout';
import { HomeRedirect, NotFoundPage, RouteErrorPage } from './route-pages';

/** Loads a page module on first visit (keeps the phone download small). */
const page =
  <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  async () => ({ Component: pick(await load()) });

const routes: RouteObject[] = [
  {
    path: '/login',
    lazy: page(
      () => import('../modules/auth/login-page'),
      (m) => m.LoginPage,
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
  },
  {
    path: '/verify/:id?',
    lazy: page(
      () => import('../modules/transcripts/verify-page'),
      (m) => m.VerifyPage,
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
  },
  // Công khai (Circular 09/2024): public, no login, outside the app shell.
  {
    path: '/cong-khai/phong/:code',
    lazy: page(
      () => import('../modules/disclosure/public-disclosure-page'),
      (m) => m.PublicUnitDisclosurePage,
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
  },
  {
    path: '/cong-khai/:code',
    lazy: page(
      () => import('../modules/disclosure/public-disclosure-page'),
      (m) => m.PublicSchoolDisclosurePage,
    ),
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
  },
  {
    path: '/',
    element: <AppLayout />,
    errorElement: <RouteErrorPage />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      { index: true, element: <HomeRedirect /> },
      {
        path: 'dashboard',
        lazy: page(
          () => import('../modules/dashboard/dashboard-page'),
          (m) => m.DashboardPage,
        ),
      },
      {
        path: 'units',
        lazy: page(
          () => import('../modules/units/unit-tree-page'),
          (m) => m.UnitTreePage,
        ),
      },
      {
        path: 'schools',
        lazy: page(
          () => import('../modules/units/school-list-page'),
          (m) => m.SchoolListPage,
        ),
      },
      {
        path: 'schools/:schoolId',
        lazy: page(
          () => import('../modules/units/school-detail-page'),
          (m) => m.SchoolDetailPage,
        ),
      },
      {
        path: 'classes',
        lazy: page(
          () => import('../modules/classes/class-list-page'),
          (m) => m.ClassListPage,
        ),
      },
      {
        path: 'schools/:schoolId/classes/:id',
        lazy: page(
          () => import('../modules/classes/class-detail-page'),
          (m) => m.ClassDetailPage,
        ),
      },
      {
        path: 'students',
        lazy: page(
          () => import('../modules/students/student-list-page'),
          (m) => m.StudentListPage,
        ),
      },
      {
        path: 'schools/:schoolId/students/:id',
        lazy: page(
          () => import('../modules/students/student-detail-page'),
          (m) => m.StudentDetailPage,
        ),
      },
      {
        path: 'schools/:schoolId/students/:id/edit',
        lazy: page(
          () => import('../modules/students/student-edit-page'),
          (m) => m.StudentEditPage,
        ),
      },
      {
        path: 'guardians',
        lazy: page(
          () => import('../modules/guardians/guardian-list-page'),
          (m) => m.GuardianListPage,
        ),
      },
      {
        path: 'schools/:schoolId/guardians/:id',
        lazy: page(
          () => import('../modules/guardians/guardian-detail-page'),
          (m) => m.GuardianDetailPage,
        ),
      },
      {
        path: 'staff',
        lazy: page(
          () => import('../modules/staff/staff-list-page'),
          (m) => m.StaffListPage,
        ),
      },
      {
        path: 'schools/:schoolId/staff/:id',
        lazy: page(
          () => import('../modules/staff/staff-detail-page'),
          (m) => m.StaffDetailPage,
        ),
      },
      {
        path: 'imports',
        lazy: page(
          () => import('../modules/imports/import-wizard-page'),
          (m) => m.ImportWizardPage,
        ),
      },
      {
        path: 'audit',
        lazy: page(
          () => import('../modules/audit/audit-log-page'),
          (m) => m.AuditLogPage,
        ),
      },
      {
        path: 'users',
        lazy: page(
          () => import('../modules/users/user-list-page'),
          (m) => m.UserListPage,
        ),
      },
      {
        path: 'attendance',
        lazy: page(
          () => import('../modules/attendance/attendance-page'),
          (m) => m.AttendancePage,
        ),
      },
      {
        path: 'gradebook/*',
        lazy: page(
          () => import('../modules/gradebook/gradebook-routes'),
          (m) => m.GradebookRoutes,
        ),
      },
      {
        path: 'contact-book/*',
        lazy: page(
          () => import('../modules/contact-book/contact-book-page'),
          (m) => m.ContactBookPage,
        ),
      },
      {
        path: 'family',
        lazy: page(
          () => import('../modules/family/family-home-page'),
          (m) => m.FamilyHomePage,
        ),
      },
      {
        path: 'question-bank/*',
        lazy: page(
          () => import('../modules/question-bank/question-bank-routes'),
          (m) => m.QuestionBankRoutes,
        ),
      },
      {
        path: 'exams/*',
        lazy: page(
          () => import('../modules/exams/exams-routes'),
          (m) => m.ExamsRoutes,
        ),
      },
      {
        path: 'forecasts',
        lazy: page(
          () => import('../modules/forecasts/forecast-page'),
          (m) => m.ForecastPage,
        ),
      },
      {
        path: 'disclosure',
        lazy: page(
          () => import('../modules/disclosure/disclosure-admin-page'),
          (m) => m.DisclosureAdminPage,
        ),
      },
      {
        path: 'operations/*',
        lazy: page(
          () => import('../modules/operations/operations-routes'),
          (m) => m.OperationsRoutes,
        ),
      },
      {
        path: 'statistics/*',
        lazy: page(
          () => import('../modules/statistics/statistics-routes'),
          (m) => m.StatisticsRoutes,
        ),
      },
      {
        path: 'transcripts',
        lazy: page(
          () => import('../modules/transcripts/transcripts-page'),
          (m) => m.TranscriptsPage,
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export const router = createBrowserRouter(routes);
