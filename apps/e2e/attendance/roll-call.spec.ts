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

/** The demo's last school week has terminal punches; the roll of that day was taken by the demo seed. */
const DAY = '2025-05-27';

async function chooseClass(page: Page, name: string) {
  const select = page.getByTestId('roll-class');
  await select.locator('option', { hasText: name }).first().waitFor({ state: 'attached' });
  const value = await select.evaluate(
    (el, n) => [...(el as HTMLSelectElement).options].find((o) => o.text.startsWith(n))?.value ?? '',
    name,
  );
  await select.selectOption(value);
}

describe('attendance: the teacher takes the roll on a phone, the principal reads the report', () => {
  it('marks an unexcused absence in 6A1 and finds it in the daily report', async () => {
    const teacher = await newPage(browser, { phone: true });
    const tp = teacher.page;
    await loginAs(tp, 'giaovien.qt');
    await tp.goto(`/attendance?date=${DAY}`);
    await tp.getByTestId('roll-call').waitFor();
    await chooseClass(tp, '6A1');
    const rows = tp.getByTestId('roll-row');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(40);
    // The terminal's arrival times show on the roll.
    expect(await tp.getByTestId('roll-call').textContent()).toMatch(/0[67]:\d\d/);

    const row = rows.nth(3);
    const name = ((await row.locator('p').first().textContent()) ?? '').replace(/^\d+\.\s*/, '');
    await row.getByTestId('roll-status').getByText('Không phép').click();
    await row.getByTestId('roll-note').fill('Gia đình không báo');
    await tp.getByTestId('roll-save').click();
    await tp.getByText('Đã lưu điểm danh').waitFor();
    await tp.reload();
    await chooseClass(tp, '6A1');
    await rows.first().waitFor();
    expect(await rows.nth(3).getAttribute('data-status')).toBe('unexcused');
    await screenshot(tp, 'attendance-roll-phone');
    await tp.evaluate(() => window.scrollTo(0, 0));
    await tp.screenshot({ path: 'test-results/attendance-roll-phone-top.png' });
    await teacher.context.close();

    const principal = await newPage(browser);
    const pp = principal.page;
    await loginAs(pp, 'hieutruong.qt');
    await pp.goto(`/attendance?tab=report&date=${DAY}`);
    const report = pp.getByTestId('absence-report');
    await report.waitFor();
    await pp.getByTestId('report-unexcused').getByText(name).waitFor();
    expect(await pp.getByTestId('report-total-students').textContent()).toContain('287');
    await screenshot(pp, 'attendance-report');

    await pp.goto('/attendance?tab=devices');
    await pp.getByTestId('device-list').getByText('CQUJ224360103').waitFor();
    await pp.getByTestId('pin-list').getByText('1001', { exact: true }).waitFor();
    await screenshot(pp, 'attendance-devices');
    await principal.context.close();
  });
});
