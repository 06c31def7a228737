import type {
  DashboardAlert,
  StatPeriodCreateBody,
  StatPeriodDetail,
  StatPeriodSummary,
  StatReport,
  StatReviewBody,
  StatSchoolStatus,
  StatSubmission,
  StatSubmissionBody,
} from '@smartedu/contracts';
import {
  aggregateStatValues,
  formatVietnamDeadline,
  formFields,
  isLate,
  type Quarter,
  quarterDeadline,
  quarterLabel,
  quarterlySchoolForm,
  registryStatValues,
  reminderSchedule,
  type StatFormDefinition,
  validateStatValues,
} from '@smartedu/domain';
import { AppError, forbidden, notFound } from '../../errors';
import type { Actor } from '../access';
import type { AlertSource, StatisticsDeps } from './statistics.deps';
import { StatReminderJob } from './statistics.jobs';
import {
  createStatisticsRepository,
  type PeriodRow,
  type SubmissionRow,
  type UnitRow,
} from './statistics.repository';

type PeriodWithUnit = { period: PeriodRow; unitName: string; unitPath: string };
type School = { id: string; name: string; code: string; path: string };
const DONE = new Set(['submitted', 'accepted']);
const REMINDER_TEXT = { before_3_days: 'còn 3 ngày', due_day: 'hôm nay là hạn cuối' } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const idsOfPath = (path: string) => path.split('/').filter(Boolean);

/**
 * Thống kê giáo dục điện tử: reporting periods of a form with a deadline (17:00 on the 25th of the quarter's
 * last month), schools' submissions pre-filled from the registry, validation, review by the department, late
 * flags, reminders through the job queue and the contact book, and the department's consolidated report.
 */
export function createStatisticsService(deps: StatisticsDeps) {
  const { database, access, audit, jobs, now } = deps;
  const repo = createStatisticsRepository(database.db);

  jobs.register(StatReminderJob, (p) => sendReminders(p.periodId, p.kind).then(() => undefined));

  async function unitOr404(id: string): Promise<UnitRow> {
    const unit = await repo.unit(id);
    if (!unit) throw notFound('đơn vị');
    return unit;
  }
  const target = (u: { id: string; path: string }) => ({ schoolId: u.id, schoolPath: u.path });

  async function widestUnit(actor: Actor): Promise<string> {
    const scope = await access.scope(actor, 'operations.read');
    const widest = [...scope.subtrees].sort((a, b) => a.length - b.length)[0];
    if (!widest) throw forbidden();
    return idsOfPath(widest).at(-1)!;
  }

  async function periodOr404(id: string): Promise<PeriodWithUnit> {
    const p = await repo.period(id);
    if (!p) throw notFound('kỳ báo cáo');
    return p;
  }

  function statusOf(
    p: PeriodRow,
    school: School,
    row: SubmissionRow | undefined,
    at: Date,
  ): StatSchoolStatus {
    const status = row?.status ?? 'not_started';
    return {
      schoolId: school.id,
      schoolName: school.name,
      schoolCode: school.code,
      status,
      submittedAt: iso(row?.submittedAt ?? null),
      late: row?.late ?? false,
      overdue: !DONE.has(status) && at.getTime() >= p.deadlineAt.getTime(),
      reviewedAt: iso(row?.reviewedAt ?? null),
      reviewComment: row?.reviewComment ?? null,
      reminders: [],
    };
  }

  function summaryOf(p: PeriodWithUnit, statuses: StatSchoolStatus[], at: Date): StatPeriodSummary {
    const { period } = p;
    return {
      id: period.id,
      unitId: period.unitId,
      unitName: p.unitName,
      formCode: period.formCode,
      title: period.title,
      year: period.year,
      quarter: period.quarter,
      label: quarterLabel(period.year, period.quarter as Quarter),
      deadlineAt: period.deadlineAt.toISOString(),
      deadlineText: formatVietnamDeadline(period.deadlineAt),
      pastDeadline: at.getTime() >= period.deadlineAt.getTime(),
      counts: {
        schools: statuses.length,
        submitted: statuses.filter((s) => DONE.has(s.status)).length,
        accepted: statuses.filter((s) => s.status === 'accepted').length,
        returned: statuses.filter((s) => s.status === 'returned').length,
        late: statuses.filter((s) => s.late).length,
        missing: statuses.filter((s) => s.overdue).length,
      },
    };
  }

  /** The schools that report in a period, optionally only those under a viewer's unit. */
  async function statusesOf(p: PeriodWithUnit, within?: string) {
    const schools = (await repo.schoolsUnder(p.unitPath)).filter((s) => !within || s.path.startsWith(within));
    const rows = await repo.submissionsOf(
      p.period.id,
      schools.map((s) => s.id),
    );
    const at = now();
    return {
      schools,
      rows,
      statuses: schools.map((s) =>
        statusOf(
          p.period,
          s,
          rows.find((r) => r.schoolId === s.id),
          at,
        ),
      ),
    };
  }

  /** The period and school of a submission: the school must report in the period. */
  async function submissionContext(schoolId: string, periodId: string) {
    const [p, school] = await Promise.all([periodOr404(periodId), unitOr404(schoolId)]);
    if (school.kind !== 'school' || !school.path.startsWith(p.unitPath)) throw notFound('báo cáo của trường');
    return { p, school };
  }

  async function registryValues(def: StatFormDefinition, schoolId: string) {
    const year = await repo.currentSchoolYear();
    if (!year) return registryStatValues(def, { classes: [], students: [], staff: [] });
    return registryStatValues(def, await repo.registryCounts(schoolId, year.id));
  }

  /** Checks the school's own entries: fields of the form filled by the school, non-negative integers or empty. */
  function schoolEntries(def: StatFormDefinition, body: StatSubmissionBody) {
    const fields = new Map(formFields(def).map((f) => [f.key, f]));
    const errors: { field: string; message: string }[] = [];
    const out: Record<string, number | null> = {};
    for (const [key, value] of Object.entries(body.values)) {
      const f = fields.get(key);
      if (!f) errors.push({ field: key, message: `${key}: không có trong biểu mẫu` });
      else if (f.source === 'registry')
        errors.push({
          field: key,
          message: `${f.label}: được tổng hợp từ cơ sở dữ liệu, không nhập tay (sửa hồ sơ trong CSDL nếu chưa đúng)`,
        });
      else if (value !== null && (!Number.isInteger(value) || value < 0))
        errors.push({ field: key, message: `${f.label}: phải là số nguyên không âm` });
      else out[key] = value;
    }
    if (errors.length > 0)
      throw new AppError('VALIDATION_FAILED', `Số liệu không hợp lệ: ${errors[0].message}`, {
        fields: errors,
      });
    return out;
  }

  /**
   * Saves the school's entries (a draft) or submits them. Saving a submitted report takes it back to a draft
   * until it is submitted again; an accepted report is final. `late` is judged at the latest submission.
   */
  async function writeSubmission(
    actor: Actor,
    schoolId: string,
    periodId: string,
    body: StatSubmissionBody,
    submit: boolean,
  ): Promise<StatSubmission> {
    const { p, school } = await submissionContext(schoolId, periodId);
    await access.require(actor, 'operations.manage', target(school));
    const def = p.period.definition as StatFormDefinition;
    const entries = schoolEntries(def, body);
    const at = now();
    const counted = await registryValues(def, schoolId);
    await database.transaction(async (tx) => {
      const txRepo = createStatisticsRepository(tx);
      const before = await txRepo.submission(schoolId, periodId);
      if (before?.status === 'accepted')
        throw new AppError('CONFLICT', 'Báo cáo đã được Phòng/Sở chấp nhận, không sửa được nữa');
      const own: Record<string, number | null> = {};
      for (const f of formFields(def))
        if (f.source === 'school')
          own[f.key] = (before?.values as Record<string, number | null>)?.[f.key] ?? null;
      Object.assign(own, entries);
      const values = { ...counted, ...own };
      if (submit) {
        const errors = validateStatValues(def, values);
        if (errors.length > 0)
          throw new AppError('VALIDATION_FAILED', `Báo cáo chưa hợp lệ: ${errors[0].message}`, {
            fields: errors.map((e) => ({ field: e.field, message: e.message })),
          });
      }
      const late = submit && isLate(at, p.period.deadlineAt);
      const saved = await txRepo.upsertSubmission({
        schoolId,
        periodId,
        status: submit ? 'submitted' : 'draft',
        values: values as Record<string, number>,
        submittedAt: submit ? at : null,
        submittedBy: submit ? actor.userId : null,
        late,
      });
      await audit.record(tx, actor, {
        schoolId,
        action: submit ? 'submit' : 'update',
        entity: 'stat_submission',
        entityId: saved.id,
        before: before ? { status: before.status, values: before.values } : null,
        after: { period: p.period.title, status: saved.status, late, values },
      });
    });
    return readSubmission(actor, schoolId, periodId, true);
  }

  async function readSubmission(
    actor: Actor,
    schoolId: string,
    periodId: string,
    checked = false,
  ): Promise<StatSubmission> {
    const { p, school } = await submissionContext(schoolId, periodId);
    if (!checked) await access.require(actor, 'operations.read', target(school));
    const def = p.period.definition as StatFormDefinition;
    const row = (await repo.submission(schoolId, periodId)) ?? undefined;
    const status = statusOf(p.period, { ...school, code: '' }, row, now());
    const reminders = await repo.remindersOf(periodId, [schoolId]);
    status.reminders = reminders.map((r) => ({ kind: r.kind, sentAt: r.sentAt.toISOString() }));
    const stored = (row?.values ?? {}) as Record<string, number | null>;
    let values: Record<string, number | null>;
    if (row && DONE.has(row.status)) values = stored;
    else {
      // Registry fields are counted now; the school's own entries are kept.
      values = await registryValues(def, schoolId);
      for (const f of formFields(def)) if (f.source === 'school') values[f.key] = stored[f.key] ?? null;
    }
    const { counts: _, ...period } = summaryOf(p, [], now());
    return { period, definition: def, school: status, values };
  }

  async function sendReminders(periodId: string, kind: 'before_3_days' | 'due_day') {
    const p = await repo.period(periodId);
    if (!p) return { schools: 0 };
    const { schools, rows } = await statusesOf(p);
    const pending = schools.filter((s) => !DONE.has(rows.find((r) => r.schoolId === s.id)?.status ?? ''));
    let reminded = 0;
    await database.transaction(async (tx) => {
      const txRepo = createStatisticsRepository(tx);
      const sent = await txRepo.remindersOf(
        periodId,
        pending.map((s) => s.id),
      );
      for (const s of pending) {
        if (sent.some((r) => r.schoolId === s.id && r.kind === kind)) continue;
        const label = quarterLabel(p.period.year, p.period.quarter as Quarter);
        const key = `statistics:${periodId}:${kind}`;
        const recipients = await deps.notifySchoolStaff(tx, s.id, ['school_admin'], {
          kind: 'statistics',
          title: `Nhắc nộp báo cáo thống kê ${label}: ${REMINDER_TEXT[kind]}`,
          body: `${s.name} chưa nộp "${p.period.title}" ${label} cho ${p.unitName}. Hạn nộp: trước ${formatVietnamDeadline(p.period.deadlineAt)}.`,
          link: `/statistics/periods/${periodId}/schools/${s.id}`,
          key,
          emailKey: `${key}:${s.id}`,
        });
        await txRepo.insertReminder({ schoolId: s.id, periodId, kind, recipients });
        await audit.record(tx, null, {
          schoolId: s.id,
          action: 'remind',
          entity: 'stat_submission',
          entityId: periodId,
          after: { period: p.period.title, kind, recipients },
        });
        reminded++;
      }
    });
    return { schools: reminded };
  }

  const alertsFor: AlertSource = async (unit, at) => {
    // Periods collected by this unit, by a unit above it, or by a unit below it.
    const owned = [
      ...(await repo.periodsOwnedBy(idsOfPath(unit.path).filter((id) => id !== unit.id))),
      ...(await repo.periodsUnder(unit.path)),
    ];
    // Per form and collecting unit, the latest period whose deadline has passed.
    const latest = new Map<string, PeriodWithUnit>();
    for (const p of owned) {
      if (p.period.deadlineAt.getTime() > at.getTime()) continue;
      const key = `${p.period.unitId}:${p.period.formCode}`;
      const seen = latest.get(key);
      if (!seen || seen.period.deadlineAt < p.period.deadlineAt) latest.set(key, p);
    }
    const alerts: DashboardAlert[] = [];
    for (const p of latest.values()) {
      const { statuses } = await statusesOf(p, unit.path);
      const label = quarterLabel(p.period.year, p.period.quarter as Quarter);
      const due = formatVietnamDeadline(p.period.deadlineAt);
      for (const s of statuses) {
        const base = { schoolId: s.schoolId, schoolName: s.schoolName, planId: null, targetId: null };
        if (s.overdue)
          alerts.push({
            ...base,
            kind: 'late_report',
            severity: 'warning',
            message: `${s.schoolName} chưa nộp báo cáo thống kê ${label} (hạn ${due})`,
          });
        else if (s.late)
          alerts.push({
            ...base,
            kind: 'late_report',
            severity: 'info',
            message: `${s.schoolName} nộp muộn báo cáo thống kê ${label} (hạn ${due})`,
          });
      }
    }
    return alerts;
  };

  return {
    alertsFor,
    sendReminders,

    async createPeriod(actor: Actor, body: StatPeriodCreateBody): Promise<StatPeriodSummary> {
      const unit = await unitOr404(body.unitId);
      await access.require(actor, 'operations.manage', target(unit));
      if (unit.kind === 'school' || unit.kind === 'school_site')
        throw new AppError(
          'BAD_REQUEST',
          'Kỳ báo cáo thống kê do Sở hoặc Phòng GD&ĐT mở cho các trường trực thuộc',
        );
      const def = quarterlySchoolForm();
      const deadline = quarterDeadline(body.year, body.quarter as Quarter);
      const at = now();
      const created = await database.transaction(async (tx) => {
        const row = await createStatisticsRepository(tx).insertPeriod({
          unitId: unit.id,
          formCode: def.code,
          title: def.title,
          definition: def,
          year: body.year,
          quarter: body.quarter,
          deadlineAt: deadline,
          createdBy: actor.userId,
        });
        if (!row)
          throw new AppError(
            'DUPLICATE',
            `${unit.name} đã mở kỳ báo cáo ${quarterLabel(body.year, body.quarter as Quarter)} của biểu mẫu này`,
          );
        for (const r of reminderTimes(deadline, at))
          await jobs.enqueue(
            tx,
            StatReminderJob,
            { periodId: row.id, kind: r.kind },
            { runAt: r.at, dedupeKey: `statistics:${row.id}:${r.kind}` },
          );
        await audit.record(tx, actor, {
          schoolId: unit.id,
          action: 'create',
          entity: 'stat_period',
          entityId: row.id,
          after: {
            title: row.title,
            year: row.year,
            quarter: row.quarter,
            deadlineAt: deadline.toISOString(),
          },
        });
        return row;
      });
      const p = await periodOr404(created.id);
      return summaryOf(p, (await statusesOf(p)).statuses, now());
    },

    async listPeriods(actor: Actor, unitId?: string): Promise<StatPeriodSummary[]> {
      const unit = await unitOr404(unitId ?? (await widestUnit(actor)));
      await access.require(actor, 'operations.read', target(unit));
      const seen = new Set<string>();
      const list: PeriodWithUnit[] = [];
      for (const p of [
        ...(await repo.periodsOwnedBy(idsOfPath(unit.path).filter((id) => id !== unit.id))),
        ...(await repo.periodsUnder(unit.path)),
      ]) {
        if (seen.has(p.period.id)) continue;
        seen.add(p.period.id);
        list.push(p);
      }
      list.sort((a, b) => b.period.deadlineAt.getTime() - a.period.deadlineAt.getTime());
      const at = now();
      const out: StatPeriodSummary[] = [];
      for (const p of list) out.push(summaryOf(p, (await statusesOf(p, unit.path)).statuses, at));
      return out;
    },

    async periodDetail(actor: Actor, periodId: string): Promise<StatPeriodDetail> {
      const p = await periodOr404(periodId);
      await access.require(actor, 'operations.read', { schoolId: p.period.unitId, schoolPath: p.unitPath });
      const { statuses } = await statusesOf(p);
      const reminders = await repo.remindersOf(
        periodId,
        statuses.map((s) => s.schoolId),
      );
      for (const s of statuses)
        s.reminders = reminders
          .filter((r) => r.schoolId === s.schoolId)
          .map((r) => ({ kind: r.kind, sentAt: r.sentAt.toISOString() }));
      return {
        ...summaryOf(p, statuses, now()),
        definition: p.period.definition as StatFormDefinition,
        schools: statuses,
      };
    },

    submission: (actor: Actor, schoolId: string, periodId: string) =>
      readSubmission(actor, schoolId, periodId),
    save: (actor: Actor, schoolId: string, periodId: string, body: StatSubmissionBody) =>
      writeSubmission(actor, schoolId, periodId, body, false),
    submit: (actor: Actor, schoolId: string, periodId: string, body: StatSubmissionBody) =>
      writeSubmission(actor, schoolId, periodId, body, true),

    async review(actor: Actor, schoolId: string, periodId: string, body: StatReviewBody) {
      const { p } = await submissionContext(schoolId, periodId);
      // Only the collecting department reviews (a school's own principal cannot accept its report).
      await access.require(actor, 'operations.manage', { schoolId: p.period.unitId, schoolPath: p.unitPath });
      const comment = body.comment?.trim() || null;
      if (body.decision === 'return' && !comment)
        throw new AppError('VALIDATION_FAILED', 'Nhận xét: cần ghi lý do trả lại báo cáo', {
          fields: [{ field: 'comment', message: 'Nhận xét: cần ghi lý do trả lại báo cáo' }],
        });
      await database.transaction(async (tx) => {
        const saved = await createStatisticsRepository(tx).reviewSubmission(schoolId, periodId, {
          status: body.decision === 'accept' ? 'accepted' : 'returned',
          reviewedBy: actor.userId,
          reviewedAt: now(),
          reviewComment: comment,
        });
        if (!saved) throw new AppError('CONFLICT', 'Báo cáo chưa được trường nộp hoặc đã được xử lý');
        await audit.record(tx, actor, {
          schoolId,
          action: body.decision,
          entity: 'stat_submission',
          entityId: saved.id,
          before: { status: 'submitted' },
          after: { status: saved.status, comment },
        });
      });
      return readSubmission(actor, schoolId, periodId, true);
    },

    async report(actor: Actor, periodId: string): Promise<StatReport> {
      const p = await periodOr404(periodId);
      await access.require(actor, 'operations.read', { schoolId: p.period.unitId, schoolPath: p.unitPath });
      const def = p.period.definition as StatFormDefinition;
      const { statuses, rows } = await statusesOf(p);
      const done = rows.filter((r) => DONE.has(r.status));
      const totals = aggregateStatValues(
        def,
        done.map((r) => r.values as Record<string, number>),
      );
      const unit = await unitOr404(p.period.unitId);
      const parent = unit.parentId ? await repo.unit(unit.parentId) : null;
      const progress = deps.planProgress();
      const targets = progress ? await progress(actor, unit.id) : [];
      return {
        period: summaryOf(p, statuses, now()),
        unit: { id: unit.id, name: unit.name },
        parentName: parent?.name ?? null,
        definition: def,
        totals,
        schools: statuses.map((s) => {
          const row = done.find((r) => r.schoolId === s.schoolId);
          return { ...s, values: row ? (row.values as Record<string, number>) : null };
        }),
        targets,
        generatedAt: now().toISOString(),
      };
    },
  };
}
export type StatisticsService = ReturnType<typeof createStatisticsService>;

/** The reminders of a period (08:00 three days before, and on the day) still ahead of `at`. */
const reminderTimes = (deadline: Date, at: Date) =>
  reminderSchedule(deadline).filter((r) => r.at.getTime() > at.getTime());
