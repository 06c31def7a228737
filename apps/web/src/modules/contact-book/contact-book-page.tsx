import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../../app/route-pages';
import { PageLoader } from '../../components/query-state';
import { primaryRole, useMe } from '../auth/auth.hooks';
import { AnnouncementPage } from './announcements';
import { FamilyContactBook } from './family-contact-book';
import { StaffContactBook } from './staff-contact-book';
import { ThreadPage } from './thread-page';

/** Sổ liên lạc điện tử: /contact-book (home by role), /threads/:schoolId/:id, /announcements/:schoolId/:id. */
export function ContactBookPage() {
  return (
    <Routes>
      <Route index element={<ContactBookHome />} />
      <Route path="threads/:schoolId/:id" element={<ThreadPage />} />
      <Route path="announcements/:schoolId/:id" element={<AnnouncementPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function ContactBookHome() {
  const me = useMe();
  if (!me.data) return <PageLoader />;
  const role = primaryRole(me.data);
  return role === 'parent' || role === 'student' ? <FamilyContactBook /> : <StaffContactBook />;
}
