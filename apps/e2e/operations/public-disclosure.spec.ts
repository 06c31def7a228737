import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loginAs, newPage, screenshot } from '../support/browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('public disclosure (Circular 09/2024) and feedback', () => {
  it('a member of the public reads a school’s disclosure page, sends feedback and later reads the answer', async () => {
    // No login, on a phone.
    const { context, page } = await newPage(browser, { phone: true });
    await page.goto('/cong-khai/phong/LCU-TP');
    await page.getByTestId('disclosure-schools').waitFor();
    await page
      .getByTestId('disclosure-schools')
      .getByRole('link', { name: 'Trường THCS Quyết Tiến' })
      .click();
    await page.waitForURL(/\/cong-khai\/LCU-TP-QT$/);
    await expect
      .poll(() => page.getByTestId('disclosure-unit-name').textContent())
      .toBe('Trường THCS Quyết Tiến');

    // The figures are the school's own, as the public API gives them (students, grade 6: 2 classes, 80 students).
    const api = await (await context.request.get('/api/public/disclosure/schools/LCU-TP-QT')).json();
    const students = api.sections[0].figures.find((f: { key: string }) => f.key === 'students')
      .value as number;
    const general = page.locator('[data-testid="disclosure-section"][data-section="general"]');
    expect(await general.locator('[data-key="students"]').getByTestId('figure-value').textContent()).toBe(
      new Intl.NumberFormat('vi').format(students),
    );
    const grade6 = page.locator(
      '[data-testid="disclosure-section"][data-section="admission"] [data-label="grade:6"] td',
    );
    expect(await grade6.allTextContents()).toEqual(['Khối 6', '2', '80']);
    await page
      .locator('[data-testid="disclosure-section"][data-section="staff"] [data-label="teacher"]')
      .waitFor();
    await screenshot(page, 'public-disclosure');

    // Feedback without a name; a tracking code comes back.
    await page.getByTestId('feedback-contact').fill('0912 345 678');
    await page.getByTestId('feedback-subject').fill('Giờ mở cổng buổi chiều');
    await page
      .getByTestId('feedback-message')
      .fill('Đề nghị nhà trường mở cổng sớm hơn 10 phút vào buổi chiều.');
    await page.getByTestId('feedback-submit').click();
    const code = (await page.getByTestId('feedback-code').textContent())?.trim() ?? '';
    expect(code).toMatch(/^GY-[A-Z2-9]{8}$/);
    await page.getByTestId('lookup-code').fill(code);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('lookup-result').getAttribute('data-status')).toBe('new');

    // The Phòng specialist takes it and answers.
    const staff = await newPage(browser);
    await loginAs(staff.page, 'chuyenvien.phong');
    await staff.page.goto('/disclosure');
    const row = staff.page.locator(`[data-testid="feedback-row"][data-code="${code}"]`);
    await row.click();
    await staff.page.getByTestId('feedback-take').click();
    await staff.page.getByTestId('feedback-modal').waitFor({ state: 'detached' });
    await row.click();
    await staff.page.getByTestId('feedback-answer').fill('Từ tuần sau nhà trường mở cổng lúc 13 giờ 45.');
    await staff.page.getByTestId('feedback-send-answer').click();
    await expect.poll(() => row.textContent()).toContain('Đã trả lời');
    await screenshot(staff.page, 'feedback-answered');

    // The forecast page of the same specialist: 5/10-year tables and the subjects the seed names.
    await staff.page.goto('/forecasts');
    await staff.page.getByTestId('forecast-years').waitFor();
    await expect
      .poll(() => staff.page.locator('[data-testid="forecast-year-row"][data-kind="projected"]').count())
      .toBe(10);
    for (const h of ['english', 'it', 'music'])
      expect(
        await staff.page.locator(`[data-testid="staffing-row"][data-highlight="${h}"]`).count(),
      ).toBeGreaterThan(0);
    await screenshot(staff.page, 'forecast');
    await staff.context.close();

    // Back on the public page: the answer is there.
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('lookup-result').getAttribute('data-status')).toBe('answered');
    expect(await page.getByTestId('lookup-answer').textContent()).toBe(
      'Từ tuần sau nhà trường mở cổng lúc 13 giờ 45.',
    );
    await context.close();
  });
});
