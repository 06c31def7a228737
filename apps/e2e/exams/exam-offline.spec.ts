import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../support/browser';

/**
 * Online exam, end to end in Chromium:
 * - a teacher builds a test from a blueprint (ma trận đề) in the question bank's UI, then schedules it for her
 *   class 6A1 in the exams UI;
 * - two students take it in separate browser contexts (one on a phone viewport); one loses the network mid-exam
 *   (`context.setOffline(true)`), keeps answering, reloads the page while the offline answers are still queued,
 *   resumes with them, reconnects, and submits;
 * - every answer of both students reaches the server and is graded; the teacher sees the proctor view, the
 *   score distribution (phổ điểm) and the item analysis.
 * The second student's account is created through the API in the setup (the demo has one student account).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const SECOND = { username: 'hocsinh.qt.e2e', password: 'HocSinh@2025' };

async function csrfOf(page: Page) {
  return (await (await page.request.get('/api/auth/me')).json()).csrfToken as string;
}

/** Answers the question on screen: the first option, Đúng for every statement, a number, or a sentence. */
async function answerCurrent(page: Page, n: number) {
  const q = page.getByTestId('exam-question');
  const type = await q.getAttribute('data-type');
  if (type === 'single' || type === 'multiple') {
    const options = q.getByTestId('exam-option');
    await options.nth(n % (await options.count())).click();
  } else if (type === 'true_false') {
    for (const s of await q.getByTestId('exam-option').all()) await s.getByText('Đúng').click();
  } else if (type === 'short_answer') {
    await q.getByTestId('exam-numeric').fill(String(n + 1));
    await q.getByTestId('exam-numeric').blur();
  } else if (type === 'essay') {
    await q.getByTestId('exam-essay').fill('Em trình bày lời giải theo từng bước.');
    await q.getByTestId('exam-essay').blur();
  }
}

describe('online exam with a network loss', () => {
  it('builds, schedules, takes offline and online, grades and analyses', async () => {
    // ---- setup: a second student account of 6A1 (API, as the principal)
    const principal = await newPage(browser);
    await loginAs(principal.page, 'hieutruong.qt');
    const pcsrf = await csrfOf(principal.page);
    const me = await (await principal.page.request.get('/api/auth/me')).json();
    const schoolId = me.roles[0].unitId as string;
    const classes = (
      await (await principal.page.request.get(`/api/classes?schoolId=${schoolId}&pageSize=100`)).json()
    ).items as { id: string; name: string }[];
    const a1 = classes.find((c) => c.name === '6A1')!;
    const classmates = (
      await (await principal.page.request.get(`/api/students?classId=${a1.id}&pageSize=100`)).json()
    ).items as { id: string; fullName: string }[];
    const created = await principal.page.request.post('/api/users', {
      headers: { 'x-csrf-token': pcsrf },
      data: {
        username: SECOND.username,
        fullName: classmates[5].fullName,
        password: SECOND.password,
        role: 'student',
        unitId: schoolId,
        studentId: classmates[5].id,
      },
    });
    expect(created.status()).toBe(201);
    await principal.context.close();

    // ---- the teacher builds a test from a matrix in the bank's UI
    const teacher = await newPage(browser);
    const tp = teacher.page;
    await loginAs(tp, 'giaovien.qt');
    await tp.goto('/question-bank/tests/new');
    const title = `Kiểm tra 15 phút Toán 6 trực tuyến ${Date.now() % 100000}`;
    await tp.getByTestId('test-title').fill(title);
    await tp.getByTestId('test-subject').selectOption('THCS_TOAN');
    await tp.getByTestId('test-grade').selectOption('6');
    await tp.getByTestId('matrix-builder').waitFor();
    await tp.getByLabel('Số tự nhiên NB', { exact: true }).fill('2');
    await tp.getByLabel('Số nguyên NB', { exact: true }).fill('2');
    await tp.getByLabel('Phân số và số thập phân NB', { exact: true }).fill('2');
    await tp.getByTestId('test-submit').click();
    await tp.waitForURL(/\/question-bank\/tests\/[^/]+\/[^/]+$/);
    const [, , , testSchoolId, testId] = new URL(tp.url()).pathname.split('/');
    expect(testSchoolId).toBe(schoolId);

    // ---- … and schedules it for 6A1 in the exams UI
    await tp.getByTestId('nav-exams').click();
    await tp.getByTestId('exam-new').click();
    await tp.getByTestId('exam-test').click();
    await tp.getByRole('option', { name: new RegExp(title) }).click();
    await tp.getByTestId('exam-classes').click();
    await tp.getByRole('option', { name: '6A1', exact: true }).click();
    await tp.keyboard.press('Escape');
    await tp.getByTestId('exam-duration').fill('30');
    await tp.getByTestId('exam-create-submit').click();
    await tp.waitForURL(/\/exams\/[0-9a-f-]{36}$/);
    const examId = new URL(tp.url()).pathname.split('/').at(-1)!;
    await tp.getByTestId('proctor-table').waitFor();

    // ---- two students take it, each in their own browser context (one on a phone)
    const s1 = await newPage(browser, { phone: true });
    const s2 = await newPage(browser);
    await loginAs(s1.page, 'hocsinh.qt');
    await loginAs(s2.page, SECOND.username, SECOND.password);
    for (const s of [s1, s2]) {
      await s.page.goto('/exams');
      await s.page
        .locator(`[data-testid="my-exam"][data-exam-id="${examId}"]`)
        .getByTestId('exam-open')
        .click();
      await s.page.getByTestId('exam-start').click();
      await s.page.getByTestId('exam-question').waitFor();
      await expect.poll(() => s.page.getByTestId('exam-timer').textContent()).toMatch(/^(29|30):\d\d$/);
    }
    const total = 6;
    const status = (p: Page) => p.getByTestId('exam-status').getAttribute('data-state');

    // Student 1 answers two questions online…
    for (let n = 0; n < 2; n++) {
      await answerCurrent(s1.page, n);
      await s1.page.getByTestId('exam-next').click();
    }
    await expect.poll(() => status(s1.page)).toBe('synced');
    // …loses the network (the test cuts it), keeps answering…
    await s1.context.setOffline(true);
    for (let n = 2; n < total; n++) {
      await answerCurrent(s1.page, n);
      if (n < total - 1) await s1.page.getByTestId('exam-next').click();
    }
    await expect.poll(() => status(s1.page)).toBe('offline');
    expect(Number(await s1.page.getByTestId('exam-status').getAttribute('data-pending'))).toBe(total - 2);
    await screenshot(s1.page, 'exam-student-offline-phone');
    // …the server has only the two answers given online…
    const proctorOffline = await (await tp.request.get(`/api/exams/${examId}/proctor`)).json();
    const row1 = proctorOffline.rows.find(
      (r: { status: string; answered: number }) => r.status === 'in_progress' && r.answered === 2,
    );
    expect(row1).toBeTruthy();
    // …reloads the page while those answers are still queued (the connection is back but the saves are held
    // back by the test, as on a flaky link): the queue survives the reload in localStorage, and resuming shows
    // the offline answers again…
    const saves = '**/api/schools/*/exam-attempts/*/answers';
    await s1.page.route(saves, (route) => route.abort('internetdisconnected'));
    await s1.context.setOffline(false);
    await s1.page.reload();
    await s1.page.getByTestId('exam-start').click();
    await s1.page.getByTestId('exam-question').waitFor();
    const pending = () => s1.page.getByTestId('exam-status').getAttribute('data-pending');
    await expect.poll(pending).toBe(String(total - 2));
    expect(await status(s1.page)).not.toBe('synced');
    const answeredOnScreen = () =>
      s1.page.locator('[data-testid="exam-nav-item"][data-answered="true"]').count();
    expect(await answeredOnScreen()).toBe(total);
    // …the connection really returns: the queue syncs by itself.
    await s1.page.unroute(saves);
    await expect.poll(() => status(s1.page), { timeout: 40_000 }).toBe('synced');
    await s1.page.getByTestId('exam-nav-item').last().click();

    // Student 2 answers everything online.
    for (let n = 0; n < total; n++) {
      await answerCurrent(s2.page, n + 1);
      if (n < total - 1) await s2.page.getByTestId('exam-next').click();
    }
    await expect.poll(() => status(s2.page)).toBe('synced');

    // The proctor sees both in progress with every answer, then both submitted.
    await tp.reload();
    await expect
      .poll(
        async () =>
          (
            await tp
              .getByTestId('proctor-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-answered')))
          ).filter((a) => a === String(total)).length,
      )
      .toBe(2);
    await screenshot(tp, 'exam-proctor');
    for (const s of [s1, s2]) {
      await s.page.getByTestId('exam-submit').click();
      await s.page.getByTestId('exam-submit-confirm').click();
      await s.page.getByTestId('exam-submitted').waitFor();
    }

    // Every answer reached the server and was graded.
    const results = (await (await tp.request.get(`/api/exams/${examId}/results`)).json()).items as {
      schoolId: string;
      attemptId: string;
      status: string;
      gradingStatus: string;
      score10: number;
    }[];
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.status).toBe('submitted');
      expect(r.gradingStatus).toBe('graded');
      const detail = await (
        await tp.request.get(`/api/schools/${r.schoolId}/exam-attempts/${r.attemptId}`)
      ).json();
      expect(detail.answers).toHaveLength(total);
      for (const a of detail.answers) {
        expect(a.answer).not.toBeNull();
        expect(['correct', 'incorrect', 'partial']).toContain(a.status);
      }
    }

    // The teacher sees the score distribution and the item analysis.
    await tp.getByTestId('tab-analysis').click();
    await tp.getByTestId('analysis-refresh').click();
    await expect.poll(() => tp.getByTestId('result-histogram').getAttribute('data-count')).toBe('2');
    await expect.poll(() => tp.getByTestId('item-row').count()).toBe(total);
    await tp.getByTestId('item-row').first().click();
    await tp.getByTestId('distractor-table').waitFor();
    await screenshot(tp, 'exam-analysis');
    // The bank refuses to edit the test while the window is open.
    const tcsrf = await csrfOf(tp);
    const edit = await tp.request.patch(`/api/schools/${testSchoolId}/tests/${testId}`, {
      headers: { 'x-csrf-token': tcsrf },
      data: { title: 'Sửa trong giờ thi' },
    });
    expect(edit.status()).toBe(409);
    for (const s of [teacher, s1, s2]) await s.context.close();
  });

  it('the demo has two finished city-wide exams with released results and one open exam for hocsinh.qt', async () => {
    const { context, page } = await newPage(browser, { phone: true });
    await loginAs(page, 'hocsinh.qt');
    await page.goto('/exams');
    const mine = (await (await page.request.get('/api/exams/mine')).json()) as {
      phase: string;
      released: boolean;
    }[];
    expect(mine.filter((e) => e.phase === 'open').length).toBeGreaterThanOrEqual(1);
    expect(mine.filter((e) => e.phase === 'closed' && e.released).length).toBeGreaterThanOrEqual(1);
    await page.goto('/exams/results');
    await page.getByTestId('student-result').first().waitFor();
    await screenshot(page, 'exam-student-results-phone');
    await context.close();
    const dept = await newPage(browser);
    await loginAs(dept.page, 'chuyenvien.phong');
    const exams = (await (await dept.page.request.get('/api/exams?phase=closed')).json()).items as {
      id: string;
      title: string;
    }[];
    expect(exams.length).toBeGreaterThanOrEqual(2);
    await dept.page.goto(`/exams/${exams[0].id}?tab=analysis`);
    await dept.page.getByTestId('comparison').waitFor();
    await screenshot(dept.page, 'exam-city-analysis');
    await dept.context.close();
  });
});
