/**
 * Event → job → delivery, without HTTP: an 'attendance.absence_recorded' event emitted on the bus becomes
 * in-app notifications for the student's guardians and one e-mail per guardian with an address, sent by the
 * job queue through nodemailer's stream transport (captured here).
 */
import { type Database, freshDatabase, seedDemo, seedReference } from '@smartedu/db';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEventBus, type EventBus } from '../../events';
import { createAccessRepository, createAccessService } from '../access';
import { createAuditRepository } from '../audit';
import { createJobQueue, type JobQueue } from '../jobs';
import { createContactBook, createEmailNotifier } from '.';

let database: Database;
let dispose: () => Promise<void>;
let events: EventBus;
let jobs: JobQueue;
const sent: { to: string; subject: string; text: string; raw: string }[] = [];
let failNext = 0;

let schoolId: string;
let studentId: string;
let studentName: string;
let parentUserId: string;
const PARENT_MAIL = 'phuhuynh.qt@example.vn';
const OTHER_MAIL = 'ba.cua.chau@example.vn';

beforeAll(async () => {
  ({ database, dispose } = await freshDatabase());
  await seedReference(database.db);
  await seedDemo(database.db, { hashPassword: async () => 'not-used' });
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const transport = {
    async sendMail(mail: SendMailOptions) {
      if (failNext > 0) {
        failNext--;
        throw new Error('421 Dịch vụ tạm thời không khả dụng');
      }
      const info = (await stream.sendMail(mail)) as { message: Buffer };
      sent.push({
        to: String(mail.to),
        subject: String(mail.subject),
        text: String(mail.text),
        raw: info.message.toString(),
      });
      return info;
    },
  };
  events = createEventBus((name, err) => {
    throw new Error(`${name}: ${err}`);
  });
  jobs = createJobQueue({ database, backoffBaseMs: 1 });
  createContactBook({
    database,
    access: createAccessService(createAccessRepository(database.db)),
    audit: createAuditRepository(),
    events,
    jobs,
    notifiers: [
      createEmailNotifier({
        transport,
        from: 'SmartEdu <no-reply@smartedu.laichau.edu.vn>',
        publicUrl: 'https://smartedu.laichau.edu.vn',
      }),
    ],
  });

  // phuhuynh.qt's child; give both of the child's guardians an address (the second one has no account).
  const [row] = await database.execute<{
    user_id: string;
    guardian_id: string;
    student_id: string;
    school_id: string;
  }>(
    `select u.id as user_id, u.guardian_id, sg.student_id, sg.school_id
       from users u join student_guardians sg on sg.guardian_id = u.guardian_id
      where u.username = 'phuhuynh.qt' limit 1`,
  );
  ({ school_id: schoolId, student_id: studentId, user_id: parentUserId } = row);
  await database.execute('update guardians set email = $1 where id = $2', [PARENT_MAIL, row.guardian_id]);
  const others = await database.execute<{ guardian_id: string }>(
    'select guardian_id from student_guardians where student_id = $1 and guardian_id <> $2',
    [studentId, row.guardian_id],
  );
  if (others.length === 0) {
    const [g] = await database.execute<{ id: string }>(
      `insert into guardians (school_id, full_name, phone, email) values ($1, 'Lò Văn Bố', '0912000111', $2)
       returning id`,
      [schoolId, OTHER_MAIL],
    );
    await database.execute(
      `insert into student_guardians (school_id, student_id, guardian_id, relationship) values ($1, $2, $3, 'father')`,
      [schoolId, studentId, g.id],
    );
  } else {
    await database.execute('update guardians set email = $1 where id = $2', [
      OTHER_MAIL,
      others[0].guardian_id,
    ]);
    await database.execute('update guardians set email = null where id = any($1::uuid[])', [
      others.slice(1).map((o) => o.guardian_id),
    ]);
  }
  studentName = (
    await database.execute<{ full_name: string }>('select full_name from students where id = $1', [studentId])
  )[0].full_name;
}, 120_000);

afterAll(async () => {
  await dispose?.();
});

beforeEach(() => {
  sent.length = 0;
});

const absence = (date: string, period = 0) =>
  events.emit('attendance.absence_recorded', {
    schoolId,
    studentId,
    classId: '00000000-0000-4000-8000-000000000000',
    className: '6A1',
    date,
    period,
    status: 'unexcused',
    note: null,
    recordedBy: parentUserId,
    recordedByName: 'Giáo viên',
  });
const notificationsOf = (userId: string) =>
  database.execute<{ kind: string; title: string; body: string; link: string }>(
    'select kind, title, body, link from notifications where user_id = $1 order by created_at',
    [userId],
  );

describe("'attendance.absence_recorded' → guardians notified", () => {
  it('writes in-app notifications and sends one e-mail per guardian through the job queue', async () => {
    await absence('2025-03-14', 3);
    expect(sent).toEqual([]); // nothing is delivered inside the emitting request
    await jobs.runDue();
    const inApp = await notificationsOf(parentUserId);
    expect(inApp).toHaveLength(1);
    expect(inApp[0]).toMatchObject({ kind: 'absence', title: `Học sinh ${studentName} vắng không phép` });
    expect(inApp[0].body).toContain(
      `Học sinh ${studentName} (lớp 6A1) vắng không phép ngày 14/03/2025, tiết 3.`,
    );

    expect(sent.map((m) => m.to).sort()).toEqual([OTHER_MAIL, PARENT_MAIL].sort());
    for (const m of sent) {
      expect(m.subject).toBe(`Học sinh ${studentName} vắng không phép`);
      expect(m.text).toContain('vắng không phép ngày 14/03/2025, tiết 3');
      expect(m.text).toContain('https://smartedu.laichau.edu.vn/contact-book');
      expect(m.raw).toContain(`To: ${m.to}`);
      expect(m.raw).toContain('Content-Type: text/plain; charset=utf-8');
      expect(m.raw).not.toMatch(/text\/html/);
    }
    const jobsLeft = await database.execute<{ status: string; n: number }>(
      `select status, count(*)::int as n from jobs group by status`,
    );
    expect(jobsLeft).toEqual([{ status: 'done', n: 3 }]); // the fan-out and two deliveries
  });

  it('does not notify twice for the same absence', async () => {
    await absence('2025-03-14', 3);
    await jobs.runDue();
    expect(sent).toEqual([]);
    expect(await notificationsOf(parentUserId)).toHaveLength(1);
  });

  it("respects a guardian's e-mail preference (in-app stays on)", async () => {
    await database.execute(`insert into notification_preferences (user_id, email) values ($1, false)`, [
      parentUserId,
    ]);
    await absence('2025-03-17');
    await jobs.runDue();
    expect(sent.map((m) => m.to)).toEqual([OTHER_MAIL]);
    expect(sent[0].text).toContain('vắng không phép ngày 17/03/2025.');
    expect(await notificationsOf(parentUserId)).toHaveLength(2);
    await database.execute('delete from notification_preferences where user_id = $1', [parentUserId]);
  });

  it('retries a delivery that failed (SMTP down) until it goes through', async () => {
    failNext = 2;
    await absence('2025-03-18');
    await jobs.runDue();
    for (let i = 0; i < 20 && sent.length < 2; i++) {
      await new Promise((r) => setTimeout(r, 10));
      await jobs.runDue();
    }
    expect(sent.map((m) => m.to).sort()).toEqual([OTHER_MAIL, PARENT_MAIL].sort());
    const retried = await database.execute<{ attempts: number; last_error: string | null }>(
      `select attempts, last_error from jobs where name = 'contact-book.deliver' and attempts > 1`,
    );
    expect(retried.length).toBeGreaterThanOrEqual(1);
  });
});
