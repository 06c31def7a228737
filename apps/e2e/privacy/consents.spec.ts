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

describe('personal data: consents and export', () => {
  it('a parent gives and withdraws photo consent on a phone and downloads the child’s data', async () => {
    const { context, page } = await newPage(browser, { phone: true });
    await loginAs(page, 'phuhuynh.qt');
    await page.getByTestId('child-link').first().click();
    await page.getByTestId('privacy-panel').waitFor();
    const photo = page.getByTestId('consent-photo');
    await photo.check({ force: true });
    await page.getByText('Đồng ý', { exact: true }).first().waitFor();
    const child = (await (await page.request.get('/api/students')).json()).items[0];
    const url = `/api/schools/${child.schoolId}/students/${child.id}`;
    const consents = await (await page.request.get(`${url}/consents`)).json();
    const current = consents.current.find((c: { purpose: string }) => c.purpose === 'photo').record;
    expect(current.status).toBe('given');
    expect(current.channel).toBe('online');
    await screenshot(page, 'parent-consents-phone');
    await photo.uncheck({ force: true });
    await expect
      .poll(async () => (await (await page.request.get(`${url}/consents`)).json()).history.length)
      .toBeGreaterThanOrEqual(2);
    const xlsx = await page.request.get(`${url}/personal-data.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });

  it('the principal sees the panel read-write; a librarian sees consents read-only', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'thuvien.qt');
    const s = (await (await page.request.get('/api/students?pageSize=1')).json()).items[0];
    await page.goto(`/schools/${s.schoolId}/students/${s.id}`);
    await page.getByTestId('privacy-panel').waitFor();
    expect(await page.getByTestId('consent-photo').isDisabled()).toBe(true);
    expect(await page.getByTestId('privacy-export-xlsx').count()).toBe(0);
    await context.close();
  });
});
