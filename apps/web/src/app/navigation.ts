import type { Me, Role } from '@smartedu/contracts';
import {
  IconBooks,
  IconBuildingCommunity,
  IconCertificate,
  IconChalkboard,
  IconChartLine,
  IconClipboardCheck,
  IconClipboardList,
  IconFileImport,
  IconGauge,
  IconHistory,
  type IconHome,
  IconId,
  IconLayoutDashboard,
  IconMessages,
  IconNotebook,
  IconReportAnalytics,
  IconSchool,
  IconSitemap,
  IconSpeakerphone,
  IconUser,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { primaryGrant, rolesOf } from '../modules/auth/auth.hooks';

export type NavKey =
  | 'dashboard'
  | 'units'
  | 'schools'
  | 'school'
  | 'classes'
  | 'my-classes'
  | 'students'
  | 'guardians'
  | 'staff'
  | 'imports'
  | 'audit'
  | 'users'
  | 'my-children'
  | 'my-profile'
  | 'attendance'
  | 'gradebook'
  | 'contact-book'
  | 'transcripts'
  | 'question-bank'
  | 'exams'
  | 'operations'
  | 'statistics'
  | 'forecasts'
  | 'disclosure';

export type NavItem = { key: NavKey; labelKey: string; path: string; icon: typeof IconHome };

/** What each role sees in the navbar, in order. */
const ROLE_NAV: Record<Role, NavKey[]> = {
  dept_admin: [
    'dashboard',
    'operations',
    'statistics',
    'forecasts',
    'disclosure',
    'units',
    'schools',
    'classes',
    'students',
    'staff',
    'attendance',
    'question-bank',
    'exams',
    'audit',
  ],
  dept_specialist: [
    'dashboard',
    'operations',
    'statistics',
    'forecasts',
    'disclosure',
    'units',
    'schools',
    'classes',
    'students',
    'staff',
    'attendance',
    'question-bank',
    'exams',
    'audit',
  ],
  school_admin: [
    'school',
    'operations',
    'statistics',
    'forecasts',
    'disclosure',
    'classes',
    'students',
    'guardians',
    'staff',
    'attendance',
    'gradebook',
    'transcripts',
    'contact-book',
    'question-bank',
    'exams',
    'imports',
    'audit',
    'users',
  ],
  teacher: [
    'my-classes',
    'attendance',
    'gradebook',
    'transcripts',
    'contact-book',
    'question-bank',
    'exams',
    'students',
  ],
  staff: ['students', 'classes', 'contact-book'],
  parent: ['my-children', 'contact-book', 'gradebook', 'exams', 'transcripts'],
  student: ['my-profile', 'exams', 'contact-book', 'gradebook', 'transcripts'],
};

function itemFor(key: NavKey, me: Me): NavItem {
  switch (key) {
    case 'dashboard':
      return { key, labelKey: 'nav.dashboard', path: '/dashboard', icon: IconLayoutDashboard };
    case 'units':
      return { key, labelKey: 'nav.units', path: '/units', icon: IconSitemap };
    case 'schools':
      return { key, labelKey: 'nav.schools', path: '/schools', icon: IconBuildingCommunity };
    case 'school': {
      const grant = me.roles.find((r) => r.role === 'school_admin') ?? primaryGrant(me);
      return { key, labelKey: 'nav.school', path: `/schools/${grant.unitId}`, icon: IconBuildingCommunity };
    }
    case 'classes':
      return { key, labelKey: 'nav.classes', path: '/classes', icon: IconChalkboard };
    case 'my-classes':
      return { key, labelKey: 'nav.myClasses', path: '/classes?mine=1', icon: IconChalkboard };
    case 'students':
      return { key, labelKey: 'nav.students', path: '/students', icon: IconSchool };
    case 'guardians':
      return { key, labelKey: 'nav.guardians', path: '/guardians', icon: IconUsersGroup };
    case 'staff':
      return { key, labelKey: 'nav.staff', path: '/staff', icon: IconUsers };
    case 'imports':
      return { key, labelKey: 'nav.imports', path: '/imports', icon: IconFileImport };
    case 'audit':
      return { key, labelKey: 'nav.audit', path: '/audit', icon: IconHistory };
    case 'users':
      return { key, labelKey: 'nav.users', path: '/users', icon: IconId };
    case 'contact-book':
      return { key, labelKey: 'nav.contactBook', path: '/contact-book', icon: IconMessages };
    case 'my-children':
      return { key, labelKey: 'nav.myChildren', path: '/family', icon: IconUserCircle };
    case 'my-profile':
      return { key, labelKey: 'nav.myProfile', path: '/family', icon: IconUser };
    case 'attendance':
      return { key, labelKey: 'nav.attendance', path: '/attendance', icon: IconClipboardCheck };
    case 'transcripts':
      return { key, labelKey: 'nav.transcripts', path: '/transcripts', icon: IconCertificate };
    case 'exams':
      return { key, labelKey: 'nav.exams', path: '/exams', icon: IconClipboardList };
    case 'question-bank':
      return { key, labelKey: 'nav.questionBank', path: '/question-bank', icon: IconBooks };
    case 'operations':
      return { key, labelKey: 'nav.operations', path: '/operations', icon: IconGauge };
    case 'statistics':
      return { key, labelKey: 'nav.statistics', path: '/statistics', icon: IconReportAnalytics };
    case 'forecasts':
      return { key, labelKey: 'nav.forecasts', path: '/forecasts', icon: IconChartLine };
    case 'disclosure':
      return { key, labelKey: 'nav.disclosure', path: '/disclosure', icon: IconSpeakerphone };
    case 'gradebook': {
      // Sổ điểm for staff; the family report (kết quả học tập) for parents and students.
      const staff = rolesOf(me).some((r) => r === 'teacher' || r === 'school_admin');
      return staff
        ? { key, labelKey: 'nav.gradebook', path: '/gradebook', icon: IconNotebook }
        : { key, labelKey: 'gradebook.report.title', path: '/gradebook/report', icon: IconNotebook };
    }
  }
}

/** The union of the navigation of every role the account holds, without duplicates. */
export function navigationFor(me: Me): NavItem[] {
  const keys: NavKey[] = [];
  for (const role of rolesOf(me)) for (const key of ROLE_NAV[role]) if (!keys.includes(key)) keys.push(key);
  // 'Lớp của tôi' already covers the class list for a teacher who also has the staff role.
  const filtered = keys.includes('my-classes') ? keys.filter((k) => k !== 'classes') : keys;
  return filtered.map((key) => itemFor(key, me));
}
