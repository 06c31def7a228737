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

describe('operations centre', () => {
  it('a department specialist follows the Lai Châu pilot from the dashboard down to the students', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'chuyenvien.phong');
    await page.goto('/operations');
    await page.getByTestId('ops-dashboard').waitFor();

    // The map shows every school with coordinates, even without a tile server.
    await page.getByTestId('ops-map').waitFor();
    await expect.poll(() => page.getByTestId('ops-map-marker').count()).toBe(6);

    // The pilot's progress: Kế hoạch 596/KH-UBND with all 13 targets of §II and their traffic lights.
    const plan = page.getByTestId('ops-plan').filter({ hasText: '596/KH-UBND' });
    await plan.waitFor();
    await expect.poll(() => plan.getByTestId('target-row').count()).toBe(13);
    const rooms = plan.locator('[data-testid="target-row"][data-code="II.3.a"]');
    expect(await rooms.getByTestId('traffic-light').getAttribute('data-status')).toBe('at_risk');
    expect(await rooms.textContent()).toContain('06 phòng');
    await screenshot(page, 'operations-dashboard');

    // Drill into a target: Khá + Tốt learning results of THCS smart classes, by school.
    await plan.locator('[data-testid="target-row"][data-code="II.2.h"]').getByTestId('target-drill').click();
    await page.waitForURL(/\/operations\/plans\/[0-9a-f-]+\?target=/);
    await expect.poll(() => page.getByTestId('drill-school-row').count()).toBe(4);
    await page.getByTestId('drill-school-row').filter({ hasText: 'Quyết Tiến' }).click();
    await page.waitForURL(/school=/);
    await page.getByTestId('drill-student-row').first().waitFor();
    const schools = await page.getByTestId('drill-student-row').locator('td:nth-child(2)').allTextContents();
    expect(new Set(schools)).toEqual(new Set(['Trường THCS Quyết Tiến']));

    // The students behind the number that are not yet Khá or Tốt.
    await page.getByTestId('drill-outcome').getByText('Chưa đạt').click();
    await expect
      .poll(
        async () =>
          new Set(
            await page
              .getByTestId('drill-student-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome'))),
          ),
      )
      .toEqual(new Set(['not_met']));
    expect(await page.getByTestId('drill-student-row').first().textContent()).toMatch(
      /Học tập: (Đạt|Chưa đạt)/,
    );
    await screenshot(page, 'operations-drill');

    // The pilot's budget: 1.701.000.000 đ.
    await page.getByTestId('open-pilot').click();
    await page.getByTestId('budget-table').waitFor();
    expect(await page.getByTestId('budget-total').textContent()).toContain('1.701.000.000');
    await expect.poll(() => page.getByTestId('budget-line').count()).toBe(8);
    await screenshot(page, 'operations-pilot');
    await context.close();
  });
});
