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

/** The principal approved or rejected a teacher's đề nghị mở khoá: the contact book tells the teacher. */
export type UnlockRequestDecidedEvent = {
  schoolId: string;
  requestId: string;
  /** users.id of the teacher who asked. */
  requestedBy: string;
  status: 'approved' | 'rejected';
  classId: string;
  className: string;
  subjectName: string;
  termNo: number;
  /** The rejection's reason, or the approval's note. */
  decisionReason: string | null;
  decidedByName: string;
};

declare module '../../events' {
  interface EventMap {
    'gradebook.results_changed': GradeResultsChangedEvent;
    'gradebook.term_lock_changed': GradeTermLockChangedEvent;
    'gradebook.unlock_request_decided': UnlockRequestDecidedEvent;
  }
}
