import type { Me, Role } from '@smartedu/contracts';
import {
  IconBuildingCommunity,
  IconChalkboard,
  IconFileImport,
  IconHistory,
  type IconHome,
  IconId,
  IconLayoutDashboard,
  IconSchool,
  IconSitemap,
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
  | 'my-profile';

export type NavItem = { key: NavKey; labelKey: string; path: string; icon: typeof IconHome };

/** What each role sees in the navbar, in order. */
const ROLE_NAV: Record<Role, NavKey[]> = {
  dept_admin: ['dashboard', 'units', 'schools', 'classes', 'students', 'staff', 'audit'],
  dept_specialist: ['dashboard', 'units', 'schools', 'classes', 'students', 'staff', 'audit'],
  school_admin: ['school', 'classes', 'students', 'guardians', 'staff', 'imports', 'audit', 'users'],
  teacher: ['my-classes', 'students'],
  staff: ['students', 'classes'],
  parent: ['my-children'],
  student: ['my-profile'],
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
    case 'my-children':
      return { key, labelKey: 'nav.myChildren', path: '/family', icon: IconUserCircle };
    case 'my-profile':
      return { key, labelKey: 'nav.myProfile', path: '/family', icon: IconUser };
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
