import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Clicks a download link and returns the file's bytes and suggested name. */
async function download(page: Page, testId: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

describe('quarterly statistics report', () => {
  it('a Phòng specialist follows the schools’ reports, sees the late one on the dashboard and downloads the report', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'chuyenvien.phong');

    // The late submission of the last quarter is an alert of the operations dashboard.
    await page.goto('/operations');
    await page.getByTestId('ops-dashboard').waitFor();
    await expect
      .poll(() => page.getByTestId('ops-alert').filter({ hasText: 'nộp muộn báo cáo thống kê' }).count())
      .toBe(1);
    expect(
      await page.getByTestId('ops-alert').filter({ hasText: 'nộp muộn báo cáo thống kê' }).textContent(),
    ).toContain('Trường THCS Tân Phong');

    // Periods: the current quarter (open) and the previous one (closed), newest first.
    await page.goto('/statistics');
    await page.getByTestId('statistics-periods').waitFor();
    await expect.poll(() => page.getByTestId('period-row').count()).toBe(2);
    await page.getByTestId('period-link').first().click();
    await page.getByTestId('statistics-period').waitFor();
    await expect.poll(() => page.getByTestId('school-status').count()).toBe(6);
    expect(await page.locator('[data-testid="school-status"][data-status="accepted"]').count()).toBe(1);
    expect(await page.locator('[data-testid="school-status"][data-status="submitted"]').count()).toBe(1);
    await screenshot(page, 'statistics-period');

    // The consolidated report in Excel: header with the unit, the period, a table per section, signatures.
    const xlsx = await download(page, 'report-xlsx');
    expect(xlsx.name).toMatch(/^bao-cao-thong-ke-quy-\d-\d{4}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.worksheets[0].eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ''))));
    expect(texts).toContain('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ LAI CHÂU');
    expect(texts.some((x) => /^BÁO CÁO THỐNG KÊ GIÁO DỤC QUÝ (I|II|III|IV)\/\d{4}$/.test(x))).toBe(true);
    expect(texts.some((x) => x.startsWith('Số trường đã nộp: 2/6'))).toBe(true);
    expect(texts).toContain('III. HỌC SINH');
    expect(texts).toContain('I. TRƯỜNG, ĐIỂM TRƯỜNG');
    expect(texts).toContain('Trường Tiểu học Số 1');
    expect(texts).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    // Live figures of the operations centre: the targets of Kế hoạch 596/KH-UBND.
    expect(texts).toContain('TIẾN ĐỘ THỰC HIỆN CÁC CHỈ TIÊU (số liệu trực tiếp)');
    expect(texts.filter((x) => x === '596/KH-UBND').length).toBe(13);

    // And in PDF, with the Vietnamese text intact.
    const pdf = await download(page, 'report-pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.bytes })
      .toString('utf8')
      .replace(/\s+/g, ' ');
    expect(text).toContain('BÁO CÁO THỐNG KÊ GIÁO DỤC QUÝ');
    expect(text).toContain('Cán bộ quản lý');
    expect(text).toContain('Trường THCS Quyết Tiến');

    // A school's report: the registry's figures, read-only for the department's specialist.
    await page.getByRole('link', { name: 'Trường THCS Quyết Tiến' }).click();
    await page.getByTestId('statistics-submission').waitFor();
    expect(await page.getByTestId('submission-status').textContent()).toBe('Đã nộp, chờ duyệt');
    expect(Number(await page.locator('[data-field="students.total.total"]').textContent())).toBeGreaterThan(
      0,
    );
    expect(await page.getByTestId('submit-report').count()).toBe(0);
    await screenshot(page, 'statistics-submission');

    // Score comparisons between schools, from the gradebook's results.
    await page.goto('/statistics/scores');
    await page.getByTestId('statistics-scores').waitFor();
    const toan = page.locator('[data-testid="subject-comparison"][data-subject="Toán (THCS)"]');
    await toan.waitFor();
    await expect.poll(() => toan.getByTestId('school-score').count()).toBeGreaterThan(1);
    expect(await toan.textContent()).toContain('Trường THCS Quyết Tiến');
    await screenshot(page, 'statistics-scores');
    await context.close();
  });
});
