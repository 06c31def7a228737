import { type Database, LAI_CHAU_PILOT } from '@smartedu/db';
import {
  fieldKey,
  nextReportingQuarter,
  type Quarter,
  quarterDeadline,
  quarterlySchoolForm,
  registryStatValues,
  reminderSchedule,
  vietnamInstant,
  vietnamParts,
} from '@smartedu/domain';
import { createAuditRepository } from '../audit';
import { createJobQueue } from '../jobs';
import { StatReminderJob } from './statistics.jobs';
import { createStatisticsRepository } from './statistics.repository';

/** Facilities a school reports itself (the registry does not hold them): plausible figures from its classes. */
function demoFacilities(values: Record<string, number>, seed: number) {
  const classes = values[fieldKey('classes', 'total', 'total')] ?? 0;
  const smart = values[fieldKey('classes', 'total', 'smart')] ?? 0;
  const rooms = classes + 2 + (seed % 3);
  const computers = 20 + 5 * (seed % 4);
  const f = (item: string) => fieldKey('facilities', item, 'count');
  return {
    [f('classrooms')]: rooms,
    [f('classrooms_solid')]: rooms - 1,
    [f('smart_rooms')]: Math.min(smart, rooms),
    [f('computers')]: computers,
    [f('computers_internet')]: computers - (seed % 2),
    [f('interactive_boards')]: smart + 1,
  };
}

/**
 * The Lai Châu demo's quarterly statistics, collected by Phòng GD&ĐT thành phố Lai Châu: the previous quarter
 * closed (every school submitted, THCS Tân Phong a day late and still awaiting review) and the current quarter
 * open (TH Số 1 accepted, THCS Quyết Tiến submitted, TH Số 2 drafting, the others not started, reminders queued).
 */
export async function seedStatisticsDemoData(database: Database, now: () => Date = () => new Date()) {
  const repo = createStatisticsRepository(database.db);
  const [unit] = await database.execute<{ id: string; path: string }>(
    'select id, path from units where code = $1',
    [LAI_CHAU_PILOT.districtDepartmentCode],
  );
  if (!unit) return { skipped: true as const };
  if ((await repo.periodsOwnedBy([unit.id])).length > 0) return { skipped: true as const };
  const at = now();
  const current = nextReportingQuarter(at);
  const prev =
    current.quarter === 1
      ? { year: current.year - 1, quarter: 4 as Quarter }
      : { year: current.year, quarter: (current.quarter - 1) as Quarter };
  const def = quarterlySchoolForm();
  const schools = await repo.schoolsUnder(unit.path);
  const year = await repo.currentSchoolYear();
  const audit = createAuditRepository();
  const jobs = createJobQueue({ database });
  const registry = new Map<string, Record<string, number>>();
  for (const s of schools)
    registry.set(
      s.id,
      registryStatValues(
        def,
        year ? await repo.registryCounts(s.id, year.id) : { classes: [], students: [], staff: [] },
      ),
    );
  const valuesOf = (schoolId: string, i: number) => {
    const v = registry.get(schoolId)!;
    return { ...v, ...demoFacilities(v, i) };
  };
  const byCode = (suffix: string) => schools.find((s) => s.code.endsWith(suffix));

  return database.transaction(async (tx) => {
    const txRepo = createStatisticsRepository(tx);
    const open = async (y: number, q: Quarter) =>
      (await txRepo.insertPeriod({
        unitId: unit.id,
        formCode: def.code,
        title: def.title,
        definition: def,
        year: y,
        quarter: q,
        deadlineAt: quarterDeadline(y, q),
      }))!;
    const previous = await open(prev.year, prev.quarter);
    const currentPeriod = await open(current.year, current.quarter);
    for (const p of [previous, currentPeriod])
      await audit.record(tx, null, {
        schoolId: unit.id,
        action: 'create',
        entity: 'stat_period',
        entityId: p.id,
        after: { title: p.title, year: p.year, quarter: p.quarter, demo: true },
      });

    // Previous quarter: all submitted; Tân Phong the morning after the deadline (late), awaiting review.
    const d = vietnamParts(previous.deadlineAt);
    const onTime = vietnamInstant(d.year, d.month, d.day - 2, 10, 15);
    const lateAt = vietnamInstant(d.year, d.month, d.day + 1, 9, 30);
    const late = byCode('-TP');
    let i = 0;
    for (const s of schools) {
      const isLate = s.id === late?.id;
      const saved = await txRepo.upsertSubmission({
        schoolId: s.id,
        periodId: previous.id,
        status: isLate ? 'submitted' : 'accepted',
        values: valuesOf(s.id, i++),
        submittedAt: isLate ? lateAt : onTime,
        late: isLate,
        reviewedAt: isLate ? null : new Date(onTime.getTime() + 86_400_000),
        reviewComment: isLate ? null : 'Số liệu khớp CSDL ngành',
      });
      await audit.record(tx, null, {
        schoolId: s.id,
        action: 'submit',
        entity: 'stat_submission',
        entityId: saved.id,
        after: { period: previous.title, status: saved.status, late: isLate, demo: true },
      });
    }

    // Current quarter: submitted a few hours ago (before the deadline, which is still ahead).
    const earlier = new Date(
      Math.min(at.getTime() - 3 * 3_600_000, currentPeriod.deadlineAt.getTime() - 86_400_000),
    );
    const plan: [string, 'accepted' | 'submitted' | 'draft'][] = [
      ['-TH1', 'accepted'],
      ['-QT', 'submitted'],
      ['-TH2', 'draft'],
    ];
    for (const [suffix, status] of plan) {
      const s = byCode(suffix);
      if (!s) continue;
      const values: Record<string, number | null> = valuesOf(s.id, schools.indexOf(s));
      if (status === 'draft') values[fieldKey('facilities', 'computers', 'count')] = null;
      const saved = await txRepo.upsertSubmission({
        schoolId: s.id,
        periodId: currentPeriod.id,
        status,
        values: values as Record<string, number>,
        submittedAt: status === 'draft' ? null : earlier,
        late: false,
        reviewedAt: status === 'accepted' ? at : null,
        reviewComment: status === 'accepted' ? 'Đã kiểm tra, số liệu đầy đủ' : null,
      });
      await audit.record(tx, null, {
        schoolId: s.id,
        action: status === 'draft' ? 'update' : 'submit',
        entity: 'stat_submission',
        entityId: saved.id,
        after: { period: currentPeriod.title, status, demo: true },
      });
    }
    for (const r of reminderSchedule(currentPeriod.deadlineAt).filter((x) => x.at.getTime() > at.getTime()))
      await jobs.enqueue(
        tx,
        StatReminderJob,
        { periodId: currentPeriod.id, kind: r.kind },
        { runAt: r.at, dedupeKey: `statistics:${currentPeriod.id}:${r.kind}` },
      );
    return {
      skipped: false as const,
      previousId: previous.id,
      currentId: currentPeriod.id,
      lateSchoolId: late?.id ?? null,
    };
  });
}
