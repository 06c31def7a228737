import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEventBus } from '../../events';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../test/harness';
import { type Actor, createAccessRepository, createAccessService } from '../access';
import { createAuditRepository } from '../audit';
import { createIdentityService } from '../identity';
import type { AbsenceRecordedEvent } from './attendance.events';
import { createAttendanceService } from './attendance.service';

const DAY = '2025-03-12';
let t: TestApp;
let teacher: Actor;
let attendance: ReturnType<typeof createAttendanceService>;
const seen: AbsenceRecordedEvent[] = [];
let failAfterCommit = false;

beforeAll(async () => {
  t = await createTestApp();
  const access = createAccessService(createAccessRepository(t.database.db));
  const audit = createAuditRepository();
  const identity = createIdentityService({
    database: t.database,
    access,
    audit,
    sessionTtlMs: 3600_000,
    login: { maxFailures: 5, lockMs: 60_000 },
  });
  teacher = (await identity.login({ username: 'giaovien.qt', password: DEMO_PASSWORD })).actor;
  const events = createEventBus(() => {});
  events.on('attendance.absence_recorded', (e) => {
    seen.push(e);
    if (failAfterCommit) throw new Error('contact book is down');
  });
  attendance = createAttendanceService({ database: t.database, access, audit, events });
});
afterAll(async () => {
  await t?.close();
});

describe("event 'attendance.absence_recorded'", () => {
  it('fires once per new unexcused absence, after the commit, with the payload the contact book needs', async () => {
    const schoolId = teacher.homeUnitId!;
    const classes = await attendance.classes(teacher, { date: DAY, page: 1, pageSize: 50 });
    const cls = classes.items.find((c) => c.name === '6A1')!;
    const roll = await attendance.getRoll(teacher, schoolId, cls.id, { date: DAY, period: 0 });
    const [a, b, c] = roll.rows;
    await attendance.saveRoll(teacher, schoolId, cls.id, {
      date: DAY,
      period: 0,
      entries: [
        { studentId: a.studentId, status: 'unexcused', note: 'Không rõ lý do' },
        { studentId: b.studentId, status: 'excused' },
        { studentId: c.studentId, status: 'late' },
      ],
    });
    expect(seen).toEqual([
      {
        schoolId,
        studentId: a.studentId,
        classId: cls.id,
        className: '6A1',
        date: DAY,
        period: 0,
        status: 'unexcused',
        note: 'Không rõ lý do',
        recordedBy: teacher.userId,
        recordedByName: teacher.fullName,
      },
    ]);
    // When a handler runs, the absence is already committed.
    const [row] = await t.database.execute<{ status: string }>(
      'select status from attendance_records where person_id = $1 and date = $2',
      [a.studentId, DAY],
    );
    expect(row.status).toBe('unexcused');

    // Saving the same roll again is no new absence; b turning unexcused is.
    seen.length = 0;
    await attendance.saveRoll(teacher, schoolId, cls.id, {
      date: DAY,
      period: 0,
      entries: [
        { studentId: a.studentId, status: 'unexcused', note: 'Không rõ lý do' },
        { studentId: b.studentId, status: 'unexcused' },
      ],
    });
    expect(seen.map((e) => e.studentId)).toEqual([b.studentId]);

    // A failing listener does not undo the roll or fail the teacher's request.
    seen.length = 0;
    failAfterCommit = true;
    const saved = await attendance.saveRoll(teacher, schoolId, cls.id, {
      date: DAY,
      period: 2,
      entries: [{ studentId: c.studentId, status: 'unexcused' }],
    });
    expect(saved.taken).toBe(true);
    expect(seen.map((e) => [e.studentId, e.period])).toEqual([[c.studentId, 2]]);
  });
});
