import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Queryable, Tx } from '../client';
import {
  announcementReads,
  announcements,
  attendanceRecords,
  classes,
  messages,
  messageThreads,
  notifications,
  studentGuardians,
  students,
  teachingAssignments,
  threadReads,
  units,
  users,
} from '../schema';
import { createRandom } from './random';

/**
 * Demo data of the e-contact book (sổ liên lạc điện tử) at THCS Quyết Tiến: the 6A1 class thread and a few
 * other class threads of giaovien.qt, the student thread of phuhuynh.qt's child, school and class
 * announcements with some read receipts, and the notifications they produced for the demo accounts.
 * Deterministic (fixed PRNG seed, ids included), idempotent (skipped when the 6A1 thread exists), bulk inserts.
 */

export type SeedContactBookDemoOptions = {
  /** Runs the seed's one transaction; defaults to `db.transaction` (pass `Database.transaction` on disk). */
  transaction?: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
};
export type SeedContactBookDemoResult = {
  skipped: boolean;
  threads: number;
  messages: number;
  announcements: number;
  notifications: number;
};

const ID_SEED = 0xc0_7ac7;
const at = (iso: string) => new Date(iso);

type Account = { id: string; fullName: string; staffId: string | null; guardianId: string | null };

export async function seedContactBookDemo(
  db: Queryable,
  options: SeedContactBookDemoOptions = {},
): Promise<SeedContactBookDemoResult> {
  const transaction = options.transaction ?? ((fn) => db.transaction(fn));
  const none = { skipped: true, threads: 0, messages: 0, announcements: 0, notifications: 0 };
  return transaction(async (tx) => {
    const [school] = await tx.select({ id: units.id }).from(units).where(eq(units.code, 'LCU-TP-QT'));
    if (!school) return none;
    const accounts = new Map<string, Account>();
    for (const u of await tx
      .select({
        id: users.id,
        username: users.username,
        fullName: users.fullName,
        staffId: users.staffId,
        guardianId: users.guardianId,
      })
      .from(users)
      .where(
        inArray(users.username, ['giaovien.qt', 'phuhuynh.qt', 'hocsinh.qt', 'hieutruong.qt', 'thuvien.qt']),
      ))
      accounts.set(u.username, u);
    const teacher = accounts.get('giaovien.qt');
    const parent = accounts.get('phuhuynh.qt');
    const principal = accounts.get('hieutruong.qt');
    const pupil = accounts.get('hocsinh.qt');
    if (!teacher?.staffId || !parent?.guardianId || !principal || !pupil) return none;

    const [child] = await tx
      .select({ id: students.id, fullName: students.fullName, classId: students.currentClassId })
      .from(studentGuardians)
      .innerJoin(
        students,
        and(eq(students.schoolId, studentGuardians.schoolId), eq(students.id, studentGuardians.studentId)),
      )
      .where(
        and(eq(studentGuardians.schoolId, school.id), eq(studentGuardians.guardianId, parent.guardianId)),
      );
    if (!child?.classId) return none;
    const homeroom = await tx
      .select({ id: classes.id, name: classes.name })
      .from(classes)
      .where(and(eq(classes.schoolId, school.id), eq(classes.id, child.classId)));
    const existing = await tx
      .select({ id: messageThreads.id })
      .from(messageThreads)
      .where(and(eq(messageThreads.schoolId, school.id), eq(messageThreads.classId, child.classId)));
    if (existing.length > 0 || homeroom.length === 0) return none;
    const taught = await tx
      .selectDistinct({ id: classes.id, name: classes.name })
      .from(teachingAssignments)
      .innerJoin(
        classes,
        and(eq(classes.schoolId, teachingAssignments.schoolId), eq(classes.id, teachingAssignments.classId)),
      )
      .where(
        and(eq(teachingAssignments.schoolId, school.id), eq(teachingAssignments.staffId, teacher.staffId)),
      );
    const otherClasses = taught
      .filter((c) => c.id !== child.classId)
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 2);

    const rng = createRandom(ID_SEED);
    const schoolId = school.id;
    const threadRows: (typeof messageThreads.$inferInsert)[] = [];
    const messageRows: (typeof messages.$inferInsert)[] = [];
    const readRows: (typeof threadReads.$inferInsert)[] = [];
    const noticeRows: (typeof notifications.$inferInsert)[] = [];
    const say = (threadId: string, who: Account, role: string, when: string, body: string) =>
      messageRows.push({
        schoolId,
        id: rng.uuid(),
        threadId,
        senderUserId: who.id,
        senderName: who.fullName,
        senderRole: role,
        body,
        createdAt: at(when),
      });

    // Lớp 6A1 — trao đổi chung
    const klass = homeroom[0];
    const classThread = rng.uuid();
    threadRows.push({
      schoolId,
      id: classThread,
      kind: 'class',
      classId: klass.id,
      title: `Lớp ${klass.name} — trao đổi chung`,
      createdBy: teacher.id,
      createdAt: at('2024-09-06T07:30:00+07:00'),
      lastMessageAt: at('2025-03-12T19:05:00+07:00'),
    });
    say(
      classThread,
      teacher,
      'teacher',
      '2024-09-06T07:35:00+07:00',
      `Kính chào quý phụ huynh lớp ${klass.name}. Tôi là ${teacher.fullName}, giáo viên chủ nhiệm năm học 2024-2025. Mọi trao đổi chung của lớp, quý phụ huynh vui lòng nhắn tại đây.`,
    );
    say(
      classThread,
      parent,
      'parent',
      '2024-09-06T20:12:00+07:00',
      'Gia đình chào cô ạ. Cô cho hỏi năm nay lớp có học buổi chiều thứ Bảy không ạ?',
    );
    say(
      classThread,
      teacher,
      'teacher',
      '2024-09-07T06:50:00+07:00',
      'Dạ không ạ. Lớp học từ thứ Hai đến thứ Sáu; chiều thứ Tư có tiết Hoạt động trải nghiệm.',
    );
    say(
      classThread,
      principal,
      'school_admin',
      '2024-11-15T16:00:00+07:00',
      'Nhà trường cảm ơn quý phụ huynh đã ủng hộ lớp học thông minh. Tuần sau lớp được lắp thêm màn hình tương tác.',
    );
    say(
      classThread,
      teacher,
      'teacher',
      '2025-03-10T17:20:00+07:00',
      'Thứ Sáu 14/3 các em mặc đồng phục thể dục, mang theo bình nước để tham gia ngày hội thể thao của trường.',
    );
    say(
      classThread,
      parent,
      'parent',
      '2025-03-12T19:05:00+07:00',
      'Cảm ơn cô đã nhắc. Gia đình sẽ chuẩn bị cho cháu ạ.',
    );
    readRows.push(
      { schoolId, threadId: classThread, userId: teacher.id, lastReadAt: at('2025-03-12T21:00:00+07:00') },
      { schoolId, threadId: classThread, userId: parent.id, lastReadAt: at('2025-03-12T19:05:00+07:00') },
    );

    // Trao đổi về em … (phuhuynh.qt's child)
    const studentThread = rng.uuid();
    const studentTitle = `Trao đổi về em ${child.fullName} (lớp ${klass.name})`;
    threadRows.push({
      schoolId,
      id: studentThread,
      kind: 'student',
      studentId: child.id,
      title: studentTitle,
      createdBy: parent.id,
      createdAt: at('2024-10-21T06:40:00+07:00'),
      lastMessageAt: at('2025-03-13T11:45:00+07:00'),
    });
    say(
      studentThread,
      parent,
      'parent',
      '2024-10-21T06:40:00+07:00',
      'Cô ơi, hôm nay cháu bị sốt nên gia đình xin phép cho cháu nghỉ học một buổi ạ.',
    );
    say(
      studentThread,
      teacher,
      'teacher',
      '2024-10-21T07:05:00+07:00',
      'Cô đã nhận được tin. Chúc cháu mau khỏe, bài hôm nay cô sẽ gửi qua bạn cùng bàn.',
    );
    say(
      studentThread,
      teacher,
      'teacher',
      '2025-01-10T16:30:00+07:00',
      'Học kỳ I cháu tiến bộ rõ ở môn Toán. Gia đình nhắc cháu đọc thêm sách để cải thiện môn Ngữ văn nhé.',
    );
    say(
      studentThread,
      parent,
      'parent',
      '2025-01-10T20:15:00+07:00',
      'Cảm ơn cô đã quan tâm. Gia đình sẽ cho cháu đọc sách mỗi tối ạ.',
    );
    say(
      studentThread,
      teacher,
      'teacher',
      '2025-03-13T11:45:00+07:00',
      'Tuần này cháu quên vở bài tập hai lần. Phụ huynh kiểm tra giúp cô cặp sách của cháu mỗi tối nhé.',
    );
    readRows.push(
      { schoolId, threadId: studentThread, userId: teacher.id, lastReadAt: at('2025-03-13T11:45:00+07:00') },
      { schoolId, threadId: studentThread, userId: parent.id, lastReadAt: at('2025-01-10T20:15:00+07:00') },
    );
    noticeRows.push({
      userId: parent.id,
      id: rng.uuid(),
      schoolId,
      kind: 'message',
      title: `Tin nhắn mới — ${studentTitle}`,
      body: `${teacher.fullName}: Tuần này cháu quên vở bài tập hai lần. Phụ huynh kiểm tra giúp cô cặp sách của cháu mỗi tối nhé.`,
      link: `/contact-book/threads/${schoolId}/${studentThread}`,
      dedupeKey: `thread:${studentThread}`,
      createdAt: at('2025-03-13T11:45:05+07:00'),
    });

    // The teacher's other classes: a greeting each
    for (const c of otherClasses) {
      const id = rng.uuid();
      threadRows.push({
        schoolId,
        id,
        kind: 'class',
        classId: c.id,
        title: `Lớp ${c.name} — trao đổi chung`,
        createdBy: teacher.id,
        createdAt: at('2024-09-09T07:00:00+07:00'),
        lastMessageAt: at('2024-09-09T07:05:00+07:00'),
      });
      say(
        id,
        teacher,
        'teacher',
        '2024-09-09T07:05:00+07:00',
        `Kính chào quý phụ huynh lớp ${c.name}. Tôi dạy môn của lớp trong năm học này; có điều gì cần trao đổi về việc học của các em, quý phụ huynh nhắn tại đây.`,
      );
    }

    // Announcements (thông báo) with read receipts
    const annRows: (typeof announcements.$inferInsert)[] = [];
    const annReads: (typeof announcementReads.$inferInsert)[] = [];
    const announce = (
      author: Account,
      a: { classId?: string; audience: string; title: string; body: string; pinned?: boolean; when: string },
      readers: Account[],
    ) => {
      const id = rng.uuid();
      annRows.push({
        schoolId,
        id,
        classId: a.classId ?? null,
        audience: a.audience,
        title: a.title,
        body: a.body,
        pinned: a.pinned ?? false,
        publishAt: at(a.when),
        authorUserId: author.id,
        authorName: author.fullName,
        createdAt: at(a.when),
      });
      annReads.push(
        ...readers.map((r, i) => ({
          schoolId,
          announcementId: id,
          userId: r.id,
          readAt: new Date(at(a.when).getTime() + (i + 1) * 3_600_000),
        })),
      );
      return id;
    };
    const meeting = announce(
      principal,
      {
        audience: 'parents',
        title: 'Họp cha mẹ học sinh cuối học kỳ I',
        body: 'Kính mời quý phụ huynh dự họp cuối học kỳ I vào 7 giờ 30 sáng Chủ nhật 12/01/2025 tại lớp học của con. Nội dung: kết quả học tập, rèn luyện học kỳ I và kế hoạch học kỳ II.',
        pinned: true,
        when: '2025-01-06T08:00:00+07:00',
      },
      [parent],
    );
    const tet = announce(
      principal,
      {
        audience: 'all',
        title: 'Lịch nghỉ Tết Nguyên đán Ất Tỵ 2025',
        body: 'Học sinh toàn trường nghỉ Tết Nguyên đán từ thứ Bảy 25/01/2025 đến hết Chủ nhật 02/02/2025, đi học trở lại vào thứ Hai 03/02/2025. Kính chúc quý phụ huynh và các em một mùa xuân an lành.',
        when: '2025-01-20T09:00:00+07:00',
      },
      [parent, pupil, teacher],
    );
    announce(
      principal,
      {
        audience: 'staff',
        title: 'Lịch kiểm tra cuối học kỳ II',
        body: 'Các tổ chuyên môn nộp đề kiểm tra cuối học kỳ II về tổ trưởng trước ngày 25/04/2025. Lịch kiểm tra tập trung từ 05/05 đến 09/05/2025.',
        when: '2025-03-03T07:30:00+07:00',
      },
      [teacher],
    );
    const sports = announce(
      teacher,
      {
        classId: klass.id,
        audience: 'parents',
        title: 'Ngày hội thể thao của lớp 6A1',
        body: 'Thứ Sáu 14/3/2025 lớp tham gia ngày hội thể thao của trường. Các em mặc đồng phục thể dục, mang theo bình nước và khăn. Buổi học kết thúc lúc 10 giờ 30.',
        when: '2025-03-10T17:00:00+07:00',
      },
      [],
    );
    announce(
      teacher,
      {
        classId: klass.id,
        audience: 'students',
        title: 'Nộp vở bài tập Toán',
        body: 'Các em nộp vở bài tập Toán chương 3 vào tiết Toán thứ Hai tuần sau.',
        when: '2025-03-11T15:00:00+07:00',
      },
      [pupil],
    );
    for (const [id, title, when, read] of [
      [meeting, 'Họp cha mẹ học sinh cuối học kỳ I', '2025-01-06T08:00:05+07:00', true],
      [tet, 'Lịch nghỉ Tết Nguyên đán Ất Tỵ 2025', '2025-01-20T09:00:05+07:00', true],
      [sports, 'Ngày hội thể thao của lớp 6A1', '2025-03-10T17:00:05+07:00', false],
    ] as const) {
      const a = annRows.find((r) => r.id === id)!;
      noticeRows.push({
        userId: parent.id,
        id: rng.uuid(),
        schoolId,
        kind: 'announcement',
        title,
        body: `${a.authorName}: ${a.body.slice(0, 180)}${a.body.length > 180 ? '…' : ''}`,
        link: `/contact-book/announcements/${schoolId}/${id}`,
        dedupeKey: `announcement:${id}`,
        createdAt: at(when),
        readAt: read ? new Date(at(when).getTime() + 3_600_000) : null,
      });
    }

    // Absences already in the attendance demo (when it was seeded first): the notifications they produced.
    const absences = await tx
      .select({ date: attendanceRecords.date, period: attendanceRecords.period })
      .from(attendanceRecords)
      .where(
        and(
          eq(attendanceRecords.schoolId, schoolId),
          eq(attendanceRecords.personId, child.id),
          eq(attendanceRecords.status, 'unexcused'),
        ),
      )
      .orderBy(desc(attendanceRecords.date))
      .limit(3);
    for (const a of absences) {
      const day = String(a.date).slice(0, 10);
      noticeRows.push({
        userId: parent.id,
        id: rng.uuid(),
        schoolId,
        kind: 'absence',
        title: `Học sinh ${child.fullName} vắng không phép`,
        body: `Học sinh ${child.fullName} (lớp ${klass.name}) vắng không phép ngày ${day.split('-').reverse().join('/')}${a.period ? `, tiết ${a.period}` : ''}. Quý phụ huynh vui lòng liên hệ giáo viên chủ nhiệm nếu cần trao đổi thêm.`,
        link: '/contact-book',
        dedupeKey: `absence:${child.id}:${day}:${a.period || 'day'}`,
        createdAt: at(`${day}T09:00:00+07:00`),
      });
    }

    await tx.insert(messageThreads).values(threadRows);
    await tx.insert(messages).values(messageRows);
    await tx.insert(threadReads).values(readRows);
    await tx.insert(announcements).values(annRows);
    if (annReads.length) await tx.insert(announcementReads).values(annReads);
    await tx.insert(notifications).values(noticeRows);
    return {
      skipped: false,
      threads: threadRows.length,
      messages: messageRows.length,
      announcements: annRows.length,
      notifications: noticeRows.length,
    };
  });
}
