/**
 * Events of the gradebook, emitted after the transaction that made the change has committed. Dashboards and
 * the contact book can listen; the rollups they read are already up to date when these fire.
 */

/** Entries or conduct changed and the students' results were recomputed. */
export type GradeResultsChangedEvent = {
  schoolId: string;
  schoolYearId: string;
  classId: string | null;
  studentIds: string[];
  /** users.id of whoever made the change; null for a system computation. */
  changedBy: string | null;
};

/** A class's term was locked (khoá sổ) or unlocked (mở khoá, with a reason). */
export type GradeTermLockChangedEvent = {
  schoolId: string;
  schoolYearId: string;
  classId: string;
  termNo: number;
  status: 'locked' | 'approved';
  reason: string | null;
};

declare module '../../events' {
  interface EventMap {
    'gradebook.results_changed': GradeResultsChangedEvent;
    'gradebook.term_lock_changed': GradeTermLockChangedEvent;
  }
}
