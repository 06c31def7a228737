/**
 * Thrown when a rule needs a result that has not been recorded (a subject's average, a comment result, a
 * quality level...). A missing result is never treated as 0 or as a failure: the caller must record it, or
 * use the functions that return an `incomplete` status instead of throwing.
 */
export class IncompleteAssessmentError extends Error {
  readonly code = 'ASSESSMENT_INCOMPLETE';
  /** What is missing, e.g. "THCS_TOAN: average" or "subjects[2]: comment". */
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    super(`Assessment incomplete, missing: ${missing.join('; ')}`);
    this.name = 'IncompleteAssessmentError';
    this.missing = missing;
  }
}
