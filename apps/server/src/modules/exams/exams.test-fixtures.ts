import type { Client } from '../../test/harness';

/**
 * Test data for exam tests, built through the question bank's API: questions of THCS Toán 6 and a test with
 * versions. `objective` single-choice questions (key 'A'), one true/false, one short answer and one essay.
 */
export type BuiltTest = { schoolId: string; testId: string; questionIds: string[]; title: string };

const single = (i: number, topic: string, level: string) => ({
  subjectCode: 'THCS_TOAN',
  grade: 6,
  topic,
  level,
  points: 1,
  scope: 'own',
  allowDuplicate: true,
  body: {
    type: 'single',
    content: {
      stem: `Câu trắc nghiệm số ${i}: kết quả của \\(${i} + ${i}\\) là?`,
      options: [
        { id: 'A', text: String(2 * i) },
        { id: 'B', text: String(2 * i + 1) },
        { id: 'C', text: String(2 * i - 1) },
        { id: 'D', text: String(3 * i) },
      ],
    },
    key: { optionId: 'A' },
  },
});

export async function buildTest(
  teacher: Client,
  schoolId: string,
  opts: { objective?: number; extras?: boolean; title?: string; versions?: number } = {},
): Promise<BuiltTest> {
  const n = opts.objective ?? 4;
  const bodies: unknown[] = [];
  const topics = ['Số tự nhiên', 'Phân số'];
  for (let i = 1; i <= n; i++) bodies.push(single(i, topics[i % 2], i % 3 === 0 ? 'TH' : 'NB'));
  if (opts.extras !== false) {
    bodies.push({
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Phân số',
      level: 'TH',
      points: 1,
      scope: 'own',
      allowDuplicate: true,
      body: {
        type: 'true_false',
        content: {
          stem: 'Xét tính đúng sai của các mệnh đề sau.',
          statements: [
            { id: 'a', text: '1/2 > 1/3' },
            { id: 'b', text: '2/4 = 1/2' },
            { id: 'c', text: '3/5 < 1/5' },
            { id: 'd', text: '0 là số tự nhiên' },
          ],
        },
        key: { values: { a: true, b: true, c: false, d: true } },
      },
    });
    bodies.push({
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Số tự nhiên',
      level: 'VD',
      points: 1,
      scope: 'own',
      allowDuplicate: true,
      body: { type: 'short_answer', content: { stem: 'Tính 12 · 3 − 6.' }, key: { value: 30, tolerance: 0 } },
    });
    bodies.push({
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Phân số',
      level: 'VDC',
      points: 2,
      scope: 'own',
      allowDuplicate: true,
      body: {
        type: 'essay',
        content: {
          stem: 'Trình bày cách so sánh hai phân số khác mẫu.',
          rubric: [
            { criterion: 'Quy đồng mẫu đúng', points: 1 },
            { criterion: 'Kết luận đúng', points: 1 },
          ],
        },
        key: { sampleAnswer: 'Quy đồng mẫu số rồi so sánh tử số.' },
      },
    });
  }
  const questionIds: string[] = [];
  for (const b of bodies) {
    const res = await teacher.post(`/api/schools/${schoolId}/questions`, b);
    if (res.statusCode !== 201 && res.statusCode !== 200)
      throw new Error(`question: ${res.statusCode} ${res.body}`);
    questionIds.push(res.json().id);
  }
  const title = opts.title ?? 'Kiểm tra 15 phút Toán 6';
  const res = await teacher.post(`/api/schools/${schoolId}/tests`, {
    title,
    subjectCode: 'THCS_TOAN',
    grade: 6,
    durationMinutes: 15,
    items: questionIds.map((id) => ({ questionSchoolId: schoolId, questionId: id })),
    versions: { count: opts.versions ?? 2, shuffleQuestions: true, shuffleOptions: true },
  });
  if (res.statusCode !== 201) throw new Error(`test: ${res.statusCode} ${res.body}`);
  return { schoolId, testId: res.json().id, questionIds, title };
}

/** An exam window around now (open) or in the future (scheduled). */
export function windowAt(kind: 'open' | 'future', minutes = 60) {
  const now = Date.now();
  return kind === 'open'
    ? {
        opensAt: new Date(now - 60_000).toISOString(),
        closesAt: new Date(now + minutes * 60_000).toISOString(),
      }
    : { opensAt: new Date(now + 3_600_000).toISOString(), closesAt: new Date(now + 7_200_000).toISOString() };
}

/** Autosave and events as the exam page sends them: with the student's session (cookie and CSRF token). */
export function saver(client: Client, session: { attempt: { id: string; schoolId: string } }) {
  const base = `/api/schools/${session.attempt.schoolId}/exam-attempts/${session.attempt.id}`;
  return {
    answers: (body: unknown) => client.post(`${base}/answers`, body),
    events: (body: unknown) => client.post(`${base}/events`, body),
  };
}
