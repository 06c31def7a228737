/**
 * Events of the attendance module, emitted after the transaction that made the change has committed.
 * The contact book (sổ liên lạc) listens to 'attendance.absence_recorded' and notifies the parents.
 */

/** A student was newly recorded as absent without permission (vắng không phép) for a day or a period. */
export type AbsenceRecordedEvent = {
  schoolId: string;
  studentId: string;
  /** The student's class on that day. */
  classId: string;
  className: string;
  /** 'YYYY-MM-DD', the Vietnamese calendar day. */
  date: string;
  /** 0 = the whole day; 1…10 = tiết. */
  period: number;
  status: 'unexcused';
  note: string | null;
  /** users.id of the teacher or administrator who took the roll. */
  recordedBy: string;
  recordedByName: string;
};

/**
 * Whole-day absences (buổi nghỉ: excused or unexcused, period 0) of these students changed on these days. The
 * gradebook recounts their absences for the year-end results (promotion: at most 45 sessions).
 */
export type AbsencesChangedEvent = {
  schoolId: string;
  studentIds: string[];
  /** 'YYYY-MM-DD' days that changed. */
  dates: string[];
};

declare module '../../events' {
  interface EventMap {
    'attendance.absence_recorded': AbsenceRecordedEvent;
    'attendance.absences_changed': AbsencesChangedEvent;
  }
}
