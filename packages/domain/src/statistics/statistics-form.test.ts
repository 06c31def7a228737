import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  aggregateStatValues,
  fieldKey,
  formFields,
  quarterlySchoolForm,
  type RegistryCounts,
  registryStatValues,
  type StatValues,
  validateStatValues,
} from './statistics-form';

const form = quarterlySchoolForm([6, 7]);
const facilities = {
  'facilities.classrooms.count': 10,
  'facilities.classrooms_solid.count': 8,
  'facilities.smart_rooms.count': 2,
  'facilities.computers.count': 30,
  'facilities.computers_internet.count': 30,
  'facilities.interactive_boards.count': 4,
};

// Two grade-6 classes (one smart), one grade-7 class; five students; three staff.
const counts: RegistryCounts = {
  sites: 2,
  classes: [
    { grade: 6, smart: true, count: 1 },
    { grade: 6, smart: false, count: 1 },
    { grade: 7, smart: false, count: 1 },
  ],
  students: [
    { grade: 6, female: true, minority: true, disabled: false, count: 2 },
    { grade: 6, female: false, minority: false, disabled: true, count: 1 },
    { grade: 7, female: true, minority: false, disabled: false, count: 1 },
    { grade: 7, female: false, minority: true, disabled: false, count: 1 },
    { grade: 10, female: false, minority: false, disabled: false, count: 4 }, // not a grade of this form
  ],
  staff: [
    { category: 'manager', qualification: 'master', female: true, minority: false, count: 1 },
    { category: 'teacher', qualification: 'bachelor', female: false, minority: true, count: 2 },
    { category: 'teacher', qualification: null, female: true, minority: false, count: 1 },
  ],
};

describe('registryStatValues', () => {
  const v = registryStatValues(form, counts);
  it('counts by grade, gender, ethnic minority and disability, with the total row', () => {
    expect(v['schools.unit.count']).toBe(1);
    expect(v['schools.unit.sites']).toBe(2);
    expect(v['classes.g6.total']).toBe(2);
    expect(v['classes.g6.smart']).toBe(1);
    expect(v['classes.total.total']).toBe(3);
    expect(v['students.g6.total']).toBe(3);
    expect(v['students.g6.female']).toBe(2);
    expect(v['students.g6.minority_female']).toBe(2);
    expect(v['students.g6.disabled']).toBe(1);
    expect(v['students.g7.minority']).toBe(1);
    expect(v['students.g7.minority_female']).toBe(0);
    expect(v['students.total.total']).toBe(5);
    expect(v['staff.teacher.total']).toBe(3);
    expect(v['staff.teacher.bachelor']).toBe(2);
    expect(v['staff.teacher.other']).toBe(1);
    expect(v['staff.total.master']).toBe(1);
    expect(v['staff.total.minority']).toBe(2);
  });
  it('fills registry fields only: the school completes the facilities', () => {
    expect(Object.keys(v).some((k) => k.startsWith('facilities.'))).toBe(false);
    expect(validateStatValues(form, { ...v, ...facilities })).toEqual([]);
  });
  it('always passes the form checks, whatever the registry holds (property)', () => {
    const group = fc.record({ count: fc.nat(50) });
    fc.assert(
      fc.property(
        fc.array(
          fc
            .record({ grade: fc.integer({ min: 1, max: 12 }), smart: fc.boolean() })
            .chain((x) => group.map((g) => ({ ...x, ...g }))),
          { maxLength: 8 },
        ),
        fc.array(
          fc
            .record({
              grade: fc.integer({ min: 1, max: 12 }),
              female: fc.boolean(),
              minority: fc.boolean(),
              disabled: fc.boolean(),
            })
            .chain((x) => group.map((g) => ({ ...x, ...g }))),
          { maxLength: 12 },
        ),
        fc.array(
          fc
            .record({
              category: fc.constantFrom('manager', 'teacher', 'employee', 'unknown'),
              qualification: fc.constantFrom(
                'doctor',
                'master',
                'bachelor',
                'college',
                'intermediate',
                null,
                'x',
              ),
              female: fc.boolean(),
              minority: fc.boolean(),
            })
            .chain((x) => group.map((g) => ({ ...x, ...g }))),
          { maxLength: 8 },
        ),
        (classes, students, staff) => {
          const values = registryStatValues(form, { classes, students, staff });
          expect(validateStatValues(form, { ...values, ...facilities })).toEqual([]);
        },
      ),
    );
  });
});

describe('validateStatValues', () => {
  const valid = { ...registryStatValues(form, counts), ...facilities };
  it('names the field that is missing or not a non-negative integer', () => {
    const { 'facilities.computers.count': _, ...missing } = valid;
    expect(validateStatValues(form, missing)).toEqual([
      {
        field: 'facilities.computers.count',
        label: 'Cơ sở vật chất — Máy tính dùng cho dạy học — Số lượng',
        message: 'Cơ sở vật chất — Máy tính dùng cho dạy học — Số lượng: chưa nhập số liệu',
      },
    ]);
    const errs = validateStatValues(form, {
      ...valid,
      'facilities.classrooms.count': -1,
      'facilities.computers.count': 2.5,
    });
    expect(errs.map((e) => e.field)).toEqual(['facilities.classrooms.count', 'facilities.computers.count']);
    expect(errs[0].message).toContain('số nguyên không âm');
  });
  it('finds a total that is not the sum of its parts and a part larger than its whole', () => {
    const errs = validateStatValues(form, {
      ...valid,
      'students.total.female': 99,
      'facilities.classrooms_solid.count': 11,
    });
    expect(errs).toEqual([
      {
        field: 'students.total.female',
        label: 'Học sinh — Tổng số — Nữ',
        message: 'Học sinh — Tổng số — Nữ: 99 khác tổng các thành phần (3)',
      },
      expect.objectContaining({ field: 'students.total.female' }), // 99 > total students (5)
      {
        field: 'facilities.classrooms_solid.count',
        label: 'Cơ sở vật chất — Phòng học kiên cố — Số lượng',
        message:
          'Cơ sở vật chất — Phòng học kiên cố — Số lượng: 11 lớn hơn Cơ sở vật chất — Phòng học — Số lượng (10)',
      },
    ]);
  });
  it('rejects fields that are not on the form', () => {
    expect(validateStatValues(form, { ...valid, 'students.g9.total': 1 }).map((e) => e.field)).toEqual([
      'students.g9.total',
    ]);
  });
});

describe('aggregateStatValues', () => {
  it('sums schools field by field', () => {
    const a = { ...registryStatValues(form, counts), ...facilities };
    const sum = aggregateStatValues(form, [a, a, {}]);
    expect(sum['students.total.total']).toBe(10);
    expect(sum['schools.unit.count']).toBe(2); // two schools reported
    expect(sum['facilities.computers.count']).toBe(60);
    expect(Object.keys(sum)).toHaveLength(formFields(form).length);
  });
  it('of valid submissions is valid, and equals the sum of the schools for every field (property)', () => {
    const values = fc.record({ a: fc.nat(100), b: fc.nat(100), c: fc.nat(100) }).map(
      ({ a, b, c }): StatValues => ({
        ...registryStatValues(form, {
          classes: [{ grade: 6, smart: false, count: a % 7 }],
          students: [{ grade: 7, female: true, minority: true, disabled: false, count: b }],
          staff: [
            { category: 'teacher', qualification: 'bachelor', female: false, minority: false, count: c },
          ],
        }),
        ...facilities,
      }),
    );
    fc.assert(
      fc.property(fc.array(values, { maxLength: 6 }), (list) => {
        const sum = aggregateStatValues(form, list);
        expect(validateStatValues(form, sum).filter((e) => !e.field.startsWith('facilities.'))).toEqual([]);
        const key = fieldKey('students', 'g7', 'total');
        expect(sum[key]).toBe(list.reduce((s, v) => s + v[key], 0));
      }),
    );
  });
});
