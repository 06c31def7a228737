import { computeTermAverage } from '@smartedu/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../support/browser';

/**
 * Sổ điểm end to end on the seeded demo (a full 2024-2025 year; term I locked, term II published):
 * a teacher enters 6A1 Toán scores in the grid, pasting a block from "Excel"; the principal approves and
 * locks term II; the parent sees the child's averages and levels on a phone; a locked score cannot be
 * changed until the principal unlocks it with a reason (the teacher's unlock request, rejected, leaves it locked).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type Child = { id: string; schoolId: string; fullName: string; currentClassId: string };
type GridRow = { studentId: string; values: Record<string, number | string | null>; average: number | null };

const cell = (page: Page, studentId: string, slot: string) =>
  page.locator(`[data-testid="grade-cell"][data-student="${studentId}"][data-slot="${slot}"]`);
/** Server round trips under load (the demo runs on PGlite with background jobs): generous polling. */
const until = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000 });
const vn = (n: number) => String(n).replace('.', ',');
const avg = (n: number) => n.toFixed(1).replace('.', ',');

/** Pastes tab/newline text into the focused input the way a browser does for a copied Excel range. */
async function pasteBlock(page: Page, studentId: string, slot: string, text: string) {
  const target = cell(page, studentId, slot);
  await target.click();
  await target.evaluate((el, data) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

async function apiGrid(page: Page, child: Child, subjectId: string, termNo: number) {
  const res = await page.request.get(
    `/api/schools/${child.schoolId}/gradebook/grid?classId=${child.currentClassId}&subjectId=${subjectId}&termNo=${termNo}`,
  );
  expect(res.status()).toBe(200);
  return (await res.json()) as { rows: GridRow[]; lock: { status: string }; canEdit: boolean };
}

describe('gradebook journey', () => {
  it('teacher enters scores with a paste, the principal locks, the parent sees the results, a locked score stays', async () => {
    // The parent's child (6A1 at THCS Quyết Tiến), as the parent's own session sees it.
    const parentSession = await newPage(browser, { phone: true });
    await loginAs(parentSession.page, 'phuhuynh.qt');
    const child = (
      (await (await parentSession.page.request.get('/api/students')).json()).items as Child[]
    )[0];
    expect(child).toBeTruthy();

    // --- Teacher: 6A1 Toán, term II
    const { context: teacherCtx, page: teacher } = await newPage(browser);
    await loginAs(teacher, 'giaovien.qt');
    await teacher.getByTestId('nav-gradebook').click();
    await teacher.locator('[data-testid="assignment-link"][data-class="6A1"][data-subject="Toán"]').click();
    await teacher.getByTestId('grade-grid').waitFor();
    const subjectId = new URL(teacher.url()).searchParams.get('subjectId')!;
    const before = await apiGrid(teacher, child, subjectId, 2);
    expect(before.canEdit).toBe(true);
    const rows = before.rows;
    const mine = rows.findIndex((r) => r.studentId === child.id);
    const neighbour = rows[mine + 1] ?? rows[mine - 1];

    // Bad input: a clear message on the cell, nothing saved.
    await cell(teacher, neighbour.studentId, 'TX1').fill('11');
    await until(() => cell(teacher, neighbour.studentId, 'TX1').getAttribute('data-invalid')).toBe('true');
    await teacher.getByTestId('grade-errors').getByText('Điểm phải nằm trong khoảng từ 0 đến 10').waitFor();
    await cell(teacher, neighbour.studentId, 'TX1').fill('Đ');
    await teacher
      .getByTestId('grade-errors')
      .getByText(/đánh giá bằng điểm số/)
      .waitFor();
    await cell(teacher, neighbour.studentId, 'TX1').press('Escape');
    await until(() => cell(teacher, neighbour.studentId, 'TX1').getAttribute('data-invalid')).toBeNull();

    // A block copied from Excel: the child's row and the next one, TX1..CK, decimal commas included.
    const childScores = [9, 8.5, 9, 10, 8, 9];
    const nextScores = [7, 6.5, 8, 7, 7.5, 6];
    const block = [childScores, nextScores].map((r) => r.map(vn).join('\t')).join('\r\n');
    const second = rows[mine + 1];
    await pasteBlock(teacher, child.id, 'TX1', `${block}\r\n`);
    await until(() => teacher.getByTestId('grade-save-status').getAttribute('data-state')).toBe('saved');
    await until(() => cell(teacher, child.id, 'TX2').inputValue()).toBe('8,5');
    const expected = computeTermAverage({
      regular: childScores.slice(0, 4),
      midterm: 8,
      endterm: 9,
      requiredRegularCount: 4,
    });
    const average = expected.status === 'complete' ? expected.average : -1;
    expect(average).toBe(8.8);
    await until(() =>
      teacher.locator(`[data-testid="grade-average"][data-student="${child.id}"]`).textContent(),
    ).toBe('8,8');
    // Typing a single cell and moving on with Enter autosaves it too.
    await cell(teacher, child.id, 'NX').fill('Tiến bộ rõ, tích cực phát biểu.');
    await cell(teacher, child.id, 'NX').press('Enter');
    await until(() => teacher.getByTestId('grade-save-status').getAttribute('data-state')).toBe('saved');
    const after = await apiGrid(teacher, child, subjectId, 2);
    const saved = after.rows.find((r) => r.studentId === child.id)!;
    expect(saved.values).toMatchObject({
      TX1: 9,
      TX2: 8.5,
      TX3: 9,
      TX4: 10,
      GK: 8,
      CK: 9,
      NX: 'Tiến bộ rõ, tích cực phát biểu.',
    });
    expect(saved.average).toBe(8.8);
    if (second)
      expect(after.rows.find((r) => r.studentId === second.studentId)!.values).toMatchObject({
        TX1: 7,
        TX2: 6.5,
        CK: 6,
      });
    await screenshot(teacher, 'gradebook-teacher-grid');

    // --- Principal: approve and lock term II of 6A1
    const { context: principalCtx, page: principal } = await newPage(browser);
    await loginAs(principal, 'hieutruong.qt');
    await principal.getByTestId('nav-gradebook').click();
    await principal.locator('[data-testid="gradebook-class-link"][data-class="6A1"]').click();
    await principal.locator('[data-testid="term-lock"][data-term="2"]').click();
    await until(() => principal.getByTestId('term-status-2').getAttribute('data-status')).toBe('locked');
    await screenshot(principal, 'gradebook-principal-locked');

    // --- Parent, on a phone: the child's averages and levels
    const parent = parentSession.page;
    await parent.goto('/');
    await parent.getByTestId('nav-burger').click();
    await parent.getByTestId('nav-gradebook').click();
    const report = parent.locator(`[data-testid="student-report"][data-student="${child.id}"]`);
    await report.waitFor();
    const api = await (
      await parent.request.get(`/api/schools/${child.schoolId}/students/${child.id}/report`)
    ).json();
    const math = api.subjects.find((s: { code: string }) => s.code === 'THCS_TOAN');
    expect(math.term2.average).toBe(8.8);
    expect(math.year.average).toEqual(expect.any(Number));
    const mathRow = report.locator('[data-testid="report-subject-row"][data-subject="THCS_TOAN"]');
    await until(() => mathRow.getByTestId('report-subject-value').textContent()).toBe(avg(math.year.average));
    expect(await report.getByTestId('report-learning').textContent()).toMatch(/^(Tốt|Khá|Đạt|Chưa đạt)$/);
    expect(await report.getByTestId('report-conduct').textContent()).toMatch(/^(Tốt|Khá|Đạt|Chưa đạt)$/);
    await report.getByTestId('report-period').getByText('Học kì II').click();
    await until(() => mathRow.getByTestId('report-subject-value').textContent()).toBe('8,8');
    expect(await report.getByTestId('report-subject-row').count()).toBe(12);
    await screenshot(parent, 'gradebook-parent-report-phone');

    // --- Locked: read-only in the grid, refused by the server
    await teacher.reload();
    await teacher.getByTestId('grade-grid').waitFor();
    await until(() => teacher.getByTestId('grade-save-status').getAttribute('data-state')).toBe('locked');
    expect(await cell(teacher, child.id, 'TX1').getAttribute('readonly')).not.toBeNull();
    await cell(teacher, child.id, 'TX1').click();
    await teacher.keyboard.type('5');
    expect(await cell(teacher, child.id, 'TX1').inputValue()).toBe('9');
    const csrf = (await (await teacher.request.get('/api/auth/me')).json()).csrfToken as string;
    const put = (value: number, expectedValue: number) =>
      teacher.request.put(`/api/schools/${child.schoolId}/gradebook/grid`, {
        headers: { 'x-csrf-token': csrf },
        data: {
          classId: child.currentClassId,
          subjectId,
          termNo: 2,
          changes: [{ studentId: child.id, slot: 'TX1', value, expected: expectedValue }],
        },
      });
    const refused = await put(5, 9);
    expect(refused.status()).toBe(409);
    expect((await refused.json()).code).toBe('TERM_LOCKED');
    expect(
      (await apiGrid(teacher, child, subjectId, 2)).rows.find((r) => r.studentId === child.id)!.values.TX1,
    ).toBe(9);

    // --- The teacher asks to unlock from the locked grid; the principal rejects with a reason: still locked
    await teacher.getByTestId('unlock-request-open').click();
    await teacher.getByTestId('unlock-request-reason').fill('Nhập nhầm điểm TX1 của một học sinh');
    await teacher.getByTestId('unlock-request-send').click();
    await principal.reload();
    const request = principal.locator('[data-testid="unlock-request-row"][data-status="pending"]');
    await request.getByTestId('unlock-request-reject').click();
    await principal.getByTestId('unlock-request-text').fill('Cần biên bản kiểm tra lại trước');
    await principal.getByTestId('unlock-request-confirm').click();
    await principal.locator('[data-testid="unlock-request-row"][data-status="rejected"]').waitFor();
    await screenshot(principal, 'gradebook-unlock-request-rejected');
    expect(await principal.getByTestId('term-status-2').getAttribute('data-status')).toBe('locked');
    expect((await put(5, 9)).status()).toBe(409);

    // --- Unlock with a reason, then the change goes through (and is audited)
    await principal.locator('[data-testid="term-unlock"][data-term="2"]').click();
    await principal.getByTestId('unlock-reason').fill('Giáo viên nhập nhầm điểm TX1 của học sinh');
    await principal.getByTestId('unlock-confirm').click();
    await until(() => principal.getByTestId('term-status-2').getAttribute('data-status')).toBe('approved');
    const allowed = await put(9.5, 9);
    expect(allowed.status()).toBe(200);
    const audit = await (
      await principal.request.get(
        `/api/audit?unitId=${child.schoolId}&entity=grade_entry&entityId=${child.id}:THCS_TOAN:HK2:TX1`,
      )
    ).json();
    expect(audit.items[0]).toMatchObject({ before: { value: 9 }, after: { value: 9.5 } });

    await teacherCtx.close();
    await principalCtx.close();
    await parentSession.context.close();
  });
});
