import { describe, expect, it } from 'vitest';
import {
  buildTranscriptData,
  type ClassContext,
  type GradebookRows,
  placeOf,
  rowHash,
} from './transcript-builder';

const ctx = (grade: number): ClassContext => ({
  schoolId: 's',
  classId: 'c',
  className: grade > 5 ? '6A1' : '3A1',
  grade,
  schoolYearId: 'y',
  schoolYear: '2024-2025',
  schoolName: 'Trường THCS Quyết Tiến',
  schoolCode: 'LCU-TP-QT',
  schoolAddress: 'Phường Quyết Tiến, thành phố Lai Châu, tỉnh Lai Châu',
  homeroomTeacherId: 't',
  homeroomTeacherName: 'Hồ Thị Phương',
  principalName: 'Hồ Tuấn Lâm',
});
const student = {
  id: 'st',
  fullName: 'Quàng Thị Ánh',
  sectorId: '1277000001',
  citizenId: null,
  birthDate: '2013-03-04',
  gender: 'F' as const,
  ethnicity: 'Thái',
  address: null,
};
const subject = (subjectId: string, code: string, assessment: string, teacherName: string | null = null) => ({
  subjectId,
  code,
  name: code,
  assessment,
  elective: false,
  teacherStaffId: teacherName ? 'x' : null,
  teacherName,
});
const empty: GradebookRows = { subjectResults: [], studentResults: [], remarks: [], ratings: [] };

describe('transcript data from the gradebook', () => {
  it('maps Circular 22 rollups: averages, comment results, conduct, learning, promotion, remarks', () => {
    const rows: GradebookRows = {
      subjectResults: [
        { studentId: 'st', subjectId: 'toan', period: 'term1', average: 8.4, result: null, testScore: null },
        { studentId: 'st', subjectId: 'toan', period: 'year', average: 8.7, result: null, testScore: null },
        { studentId: 'st', subjectId: 'gdtc', period: 'year', average: null, result: 'D', testScore: null },
        { studentId: 'other', subjectId: 'toan', period: 'year', average: 2, result: null, testScore: null },
      ],
      studentResults: [
        {
          studentId: 'st',
          period: 'year',
          learning: 'K',
          conduct: 'T',
          promotion: 'promoted',
          award: null,
          primaryResult: null,
          absentExcused: 4,
          absentUnexcused: 1,
        },
      ],
      remarks: [
        { studentId: 'st', subjectId: 'toan', termNo: 1, comment: 'HK I' },
        { studentId: 'st', subjectId: 'toan', termNo: 2, comment: 'Tư duy tốt' },
      ],
      ratings: [{ studentId: 'st', termNo: 2, aspect: 'conduct', level: 'T', comment: 'Chăm ngoan' }],
    };
    const data = buildTranscriptData(
      'id',
      ctx(6),
      student,
      [subject('toan', 'THCS_TOAN', 'scored', 'Hồ Thị Phương'), subject('gdtc', 'THCS_GDTC', 'comment')],
      rows,
    );
    if (data.level === 'TH') throw new Error('expected THCS');
    expect(data.level).toBe('THCS');
    expect(data.subjects[0]).toMatchObject({
      term1: 8.4,
      term2: null,
      year: 8.7,
      comment: 'Tư duy tốt',
      teacherName: 'Hồ Thị Phương',
    });
    expect(data.subjects[1]).toMatchObject({ assessment: 'comment', year: 'D' });
    expect(data).toMatchObject({
      conduct: { year: 'T', term1: null },
      learning: { year: 'K' },
      promotion: 'promoted',
      homeroomComment: 'Chăm ngoan',
      place: 'Lai Châu',
      absentSessions: 5, // 4 excused + 1 unexcused
    });
  });

  it('maps Circular 27 rollups: year level, test score, qualities and competencies', () => {
    const data = buildTranscriptData('id', ctx(3), student, [subject('tv', 'TH_TIENG_VIET', 'level_test')], {
      ...empty,
      subjectResults: [
        { studentId: 'st', subjectId: 'tv', period: 'year', average: null, result: 'HTT', testScore: 9 },
      ],
      studentResults: [
        {
          studentId: 'st',
          period: 'year',
          learning: null,
          conduct: null,
          promotion: null,
          award: null,
          primaryResult: 'HTT',
          absentExcused: null,
          absentUnexcused: null,
        },
      ],
      ratings: [{ studentId: 'st', termNo: 2, aspect: 'YEU_NUOC', level: 'T', comment: null }],
    });
    if (data.level !== 'TH') throw new Error('expected TH');
    expect(data.subjects[0]).toMatchObject({ level: 'HTT', testScore: 9 });
    expect(data.qualities.find((q) => q.code === 'YEU_NUOC')?.level).toBe('T');
    expect(data.qualities.find((q) => q.code === 'NHAN_AI')?.level).toBeNull();
    expect(data.competencies).toHaveLength(10);
    expect(data.yearResult).toBe('HTT');
  });

  it('hashes a subject row so that a changed row drops its confirmation', () => {
    const a = buildTranscriptData('id', ctx(6), student, [subject('toan', 'THCS_TOAN', 'scored')], empty);
    const b = buildTranscriptData('id', ctx(6), student, [subject('toan', 'THCS_TOAN', 'scored')], {
      ...empty,
      subjectResults: [
        { studentId: 'st', subjectId: 'toan', period: 'year', average: 7, result: null, testScore: null },
      ],
    });
    expect(rowHash(a.subjects[0])).toBe(rowHash({ ...a.subjects[0] }));
    expect(rowHash(a.subjects[0])).not.toBe(rowHash(b.subjects[0]));
    expect(placeOf('Phường Đoàn Kết, thành phố Lai Châu')).toBe('Lai Châu');
    expect(placeOf(null)).toBeNull();
  });
});
