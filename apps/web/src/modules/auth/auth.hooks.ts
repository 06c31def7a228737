import { hasPermission, type Me, type Permission, type Role } from '@smartedu/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken } from '../../lib/api';

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in account; the CSRF token it carries is kept in memory for writes. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      const me = await api.get<Me>('/api/auth/me');
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { username: string; password: string }) => api.post<Me>('/api/auth/login', body),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      queryClient.clear();
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/api/auth/password', body),
  });
}

/** Highest role first: the one that decides the home page. */
const ROLE_PRIORITY: readonly Role[] = [
  'dept_admin',
  'dept_specialist',
  'school_admin',
  'teacher',
  'staff',
  'parent',
  'student',
];

export const rolesOf = (me: Me | undefined): Role[] => me?.roles.map((r) => r.role) ?? [];

export function primaryRole(me: Me): Role {
  const roles = rolesOf(me);
  return ROLE_PRIORITY.find((r) => roles.includes(r)) ?? 'student';
}

/** The unit of the primary role (Sở, Phòng or school). */
export function primaryGrant(me: Me) {
  const role = primaryRole(me);
  return me.roles.find((r) => r.role === role) ?? me.roles[0];
}

/** UI-side permission check; the server enforces it anyway. */
export function useCan(permission: Permission): boolean {
  const { data: me } = useMe();
  return hasPermission(rolesOf(me), permission);
}

/** True for department roles (they see many schools). */
export const isDepartment = (me: Me | undefined) =>
  rolesOf(me).some((r) => r === 'dept_admin' || r === 'dept_specialist');

/** Where each role lands after signing in. */
export function homePath(me: Me): string {
  const role = primaryRole(me);
  switch (role) {
    case 'dept_admin':
    case 'dept_specialist':
      return '/dashboard';
    case 'school_admin':
      return `/schools/${primaryGrant(me).unitId}`;
    case 'teacher':
      return '/classes?mine=1';
    case 'staff':
      return '/students';
    default:
      return '/family';
  }
}
