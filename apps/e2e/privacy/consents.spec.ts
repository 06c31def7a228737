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
    const child = (await (await page.request.get('/api/students')).json()).items[0];
    const url = `/api/schools/${child.schoolId}/students/${child.id}`;
    const photoNow = async () =>
      (await (await page.request.get(`${url}/consents`)).json()).current.find(
        (c: { purpose: string }) => c.purpose === 'photo',
      ).record as { status: string; channel: string } | null;
    // The switch is controlled: it flips when the server has recorded the decision.
    const photo = page.getByTestId('consent-photo');
    await photo.click({ force: true });
    await expect.poll(async () => (await photoNow())?.status).toBe('given');
    expect((await photoNow())?.channel).toBe('online');
    await expect.poll(() => photo.isChecked()).toBe(true);
    await screenshot(page, 'parent-consents-phone');
    await photo.click({ force: true });
    await expect.poll(async () => (await photoNow())?.status).toBe('withdrawn');
    await expect.poll(() => photo.isChecked()).toBe(false);
    const xlsx = await page.request.get(`${url}/personal-data.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    await context.close();
  });

  it('a librarian sees consents read-only, without the export', async () => {
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
