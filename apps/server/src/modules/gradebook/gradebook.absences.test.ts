import type { ClassSummary, GradebookClass, StudentReport } from '@smartedu/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestApp, login, type TestApp } from '../../test/harness';
import { pdfText } from '../transcripts/pdf-text';

/**
 * Buổi nghỉ học in the year-end results, through the API on the demo year of grades: the homeroom teacher
 * records whole-day absences (excused and unexcused) in the roll, and the student's year result, promotion,
 * family report and học bạ follow. Worked example of Circular 22 art. 12: absent more than 45 sessions in the
 * year (excused or not) → not promoted (ở lại lớp); 45 → promoted.
 */

let t: TestApp;
let teacher: Client; // giaovien.qt: homeroom teacher of 6A1
let principal: Client; // hieutruong.qt
let qt: string;
let klass: string;
let studentId: string;
let schoolYearId: string;

/** 46 school days (Monday to Friday) of the demo year, from 9 September 2024. */
const DAYS: string[] = [];
for (let d = new Date('2024-09-09T00:00:00Z'); DAYS.length < 46; d = new Date(d.getTime() + 86_400_000))
  if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) DAYS.push(d.toISOString().slice(0, 10));

const roll = (date: string, status: string) =>
  teacher.request('PUT', `/api/schools/${qt}/classes/${klass}/attendance`, {
    date,
    period: 0,
    entries: [{ studentId, status, note: status === 'excused' ? 'Ốm, gia đình xin phép' : null }],
  });
const yearRow = async () =>
  (
    (
      await principal.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary?period=year`)
    ).json() as ClassSummary
  ).rows.find((r) => r.studentId === studentId)!.result;
async function transcriptText(): Promise<string> {
  const gen = await principal.post(`/api/schools/${qt}/transcripts/generate`, { classId: klass });
  expect(gen.statusCode).toBe(200);
  const item = (
    (await principal.get(`/api/transcripts?classId=${klass}&pageSize=100`)).json().items as {
      id: string;
      studentId: string;
    }[]
  ).find((i) => i.studentId === studentId)!;
  const pdf = await principal.get(`/api/schools/${qt}/transcripts/${item.id}/pdf`);
  expect(pdf.statusCode).toBe(200);
  return pdfText(pdf.rawPayload);
}

beforeAll(async () => {
  t = await createTestApp({ gradebookDemo: true });
  [teacher, principal] = await Promise.all(['giaovien.qt', 'hieutruong.qt'].map((u) => login(t.app, u)));
  qt = principal.me.homeUnitId!;
  const classes = (await principal.get(`/api/classes?schoolId=${qt}&pageSize=100`)).json().items as {
    id: string;
    homeroomTeacherId: string | null;
  }[];
  klass = classes.find((c) => c.homeroomTeacherId === teacher.me.staffId)!.id;
  schoolYearId = (
    (await principal.get(`/api/schools/${qt}/gradebook/classes/${klass}`)).json() as GradebookClass
  ).schoolYearId;
  const summary = (
    await principal.get(`/api/schools/${qt}/gradebook/classes/${klass}/summary?period=year`)
  ).json() as ClassSummary;
  // A student promoted on results alone (the demo's gradebook seed has no attendance behind it).
  const promoted = summary.rows.find((r) => r.result.promotion === 'promoted')!;
  studentId = promoted.studentId;
  expect(promoted.result).toMatchObject({ absentSessions: 0, absentExcused: 0, absentUnexcused: 0 });
}, 300_000);
afterAll(async () => {
  await t?.close();
});

describe('absent sessions in the year-end decision', () => {
  it('46 sessions absent (excused and unexcused together): not promoted, and the học bạ says 46', async () => {
    for (const [i, day] of DAYS.entries()) {
      const res = await roll(day, i < 30 ? 'excused' : 'unexcused');
      expect(res.statusCode, res.body).toBe(200);
    }
    // Recounted when the roll was saved (attendance event → gradebook), without a year-end run.
    expect(await yearRow()).toMatchObject({
      absentSessions: 46,
      absentExcused: 30,
      absentUnexcused: 16,
      promotion: 'retained',
      status: 'complete',
    });
    const text = await transcriptText();
    expect(text).toContain('Tổng số buổi nghỉ học cả năm học: 46');
  });

  it('45 sessions absent: promoted; lesson absences and late arrivals are not sessions', async () => {
    expect((await roll(DAYS[45], 'present')).statusCode).toBe(200);
    expect((await roll(DAYS[44], 'late')).statusCode).toBe(200); // late: present, not a session missed
    const lesson = await teacher.request('PUT', `/api/schools/${qt}/classes/${klass}/attendance`, {
      date: '2024-12-02',
      period: 3,
      entries: [{ studentId, status: 'unexcused' }],
    });
    expect(lesson.statusCode).toBe(200);
    expect(await yearRow()).toMatchObject({ absentSessions: 44, promotion: 'promoted' });
    expect((await roll(DAYS[44], 'unexcused')).statusCode).toBe(200);
    expect(await yearRow()).toMatchObject({
      absentSessions: 45,
      absentExcused: 30,
      absentUnexcused: 15,
      promotion: 'promoted',
    });

    // The year-end batch (whole school: students read by id range) gives the same.
    const compute = await principal.post(`/api/schools/${qt}/gradebook/compute`, { schoolYearId });
    expect(compute.statusCode, compute.body).toBe(200);
    expect(await yearRow()).toMatchObject({ absentSessions: 45, promotion: 'promoted' });
    const one = await principal.post(`/api/schools/${qt}/gradebook/compute`, {
      schoolYearId,
      classId: klass,
    });
    expect(one.statusCode).toBe(200);
    expect(await yearRow()).toMatchObject({ absentSessions: 45, promotion: 'promoted' });

    // The student's year summary and the học bạ.
    const report = (
      await principal.get(`/api/schools/${qt}/students/${studentId}/report`)
    ).json() as StudentReport;
    expect(report.year).toMatchObject({ absentSessions: 45, absentExcused: 30, absentUnexcused: 15 });
    expect(report.term1).toMatchObject({ absentSessions: null });
    const text = await transcriptText();
    expect(text).toContain('Tổng số buổi nghỉ học cả năm học: 45');
    expect(text).not.toContain('Tổng số buổi nghỉ học cả năm học: 46');
  });

  it('a day outside the school year is refused and counts nothing', async () => {
    const res = await roll('2024-08-20', 'unexcused');
    expect(res.statusCode).toBe(400);
    expect(await yearRow()).toMatchObject({ absentSessions: 45 });
  });
});
