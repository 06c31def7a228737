import type { CognitiveLevel, QuestionBody } from './question';

/** One imported question, before it is stored: content plus the metadata the file gave. */
export type ImportedQuestion = {
  /** Question number in the file (Câu n) or, for Excel, the row number. */
  number: number;
  row?: number;
  externalId?: string;
  subject?: string;
  grade?: number;
  topic?: string;
  level?: CognitiveLevel;
  points?: number;
  body: QuestionBody;
  explanation?: string;
  /** Pictures and clips referenced by the question, by their name in the file (stored by the server). */
  mediaRefs: { ref: string; alt?: string }[];
};

export type ImportIssue = {
  severity: 'error' | 'warning';
  code: string;
  /** Vietnamese, ready to show ("Câu 7 (Phần I): có 3 phương án, cần 4."). */
  message: string;
  question?: number;
  row?: number;
};

export type ImportResult = { questions: ImportedQuestion[]; issues: ImportIssue[] };

/** Document-level defaults read from a header or set by the person importing. */
export type ImportDefaults = {
  subject?: string;
  grade?: number;
  topic?: string;
  level?: CognitiveLevel;
  points?: number;
};
