import ExcelJS from 'exceljs';
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

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** Fills the downloaded template by header name: one good row and one with an impossible birth date. */
async function buildImportFile(template: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const headers = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => headers.set(norm(String(cell.value ?? '')), col));
  const col = (name: string) => {
    const c = headers.get(norm(name));
    if (!c) throw new Error(`template has no column ${name}: ${[...headers.keys()].join(', ')}`);
    return c;
  };
  const rows = [
    {
      sector: '1299000001',
      name: 'Lò Thị Mai Anh',
      birth: '12/05/2013',
      gender: 'Nữ',
      ethnicity: 'Thái',
      klass: '6A2',
    },
    {
      sector: '1299000002',
      name: 'Giàng A Páo',
      birth: '31/02/2013',
      gender: 'Nam',
      ethnicity: 'Mông',
      klass: '6A2',
    },
  ];
  rows.forEach((r, i) => {
    const row = ws.getRow(2 + i);
    row.getCell(col('Mã định danh')).value = r.sector;
    row.getCell(col('Họ và tên')).value = r.name;
    row.getCell(col('Ngày sinh')).value = r.birth;
    row.getCell(col('Giới tính')).value = r.gender;
    row.getCell(col('Dân tộc')).value = r.ethnicity;
    row.getCell(col('Lớp')).value = r.klass;
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('registry journeys', () => {
  it('a principal opens a class, adds a student and imports a file with one bad row', async () => {
    const { context, page } = await newPage(browser);
    await loginAs(page, 'hieutruong.qt');
    await page.getByTestId('nav-classes').click();
    await page.getByTestId('classes-table').getByText('6A1', { exact: true }).first().click();
    await page.getByTestId('students-table').waitFor();
    const before = await page.getByTestId('student-row').count();
    expect(before).toBe(40);

    await page.getByTestId('add-student').click();
    await page.getByTestId('student-fullName').fill('Tòng Văn Khải');
    await page.getByTestId('student-sectorId').fill('1288000777');
    await page.getByTestId('student-birthDate').fill('2013-03-14');
    await page.getByTestId('student-gender').selectOption({ label: 'Nam' });
    await page.getByTestId('student-ethnicity').selectOption({ label: 'Thái' });
    await page.getByTestId('student-submit').click();
    await page.getByTestId('student-row').filter({ hasText: 'Tòng Văn Khải' }).waitFor();
    expect(await page.getByTestId('student-row').count()).toBe(before + 1);
    await screenshot(page, 'principal-class-6A1');

    // Import: the template from the server, one good row and one bad row.
    const me = await (await page.request.get('/api/auth/me')).json();
    const schoolId = me.roles[0].unitId;
    const template = await page.request.get(`/api/schools/${schoolId}/imports/templates/students.xlsx`);
    expect(template.status()).toBe(200);
    const file = await buildImportFile(Buffer.from(await template.body()));
    await page.getByTestId('nav-imports').click();
    await page.getByTestId('import-kind').selectOption('students');
    await page.getByTestId('import-file').setInputFiles({
      name: 'hoc-sinh.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: file,
    });
    await page.getByTestId('import-upload').click();
    const errorRows = page.getByTestId('import-error-row');
    await errorRows.first().waitFor();
    expect(await errorRows.count()).toBe(1);
    const text = (await errorRows.first().textContent()) ?? '';
    expect(text).toContain('3');
    expect(text).toMatch(/31\/02\/2013|ngày/i);
    await expect(page.getByTestId('import-commit-all').isDisabled()).resolves.toBe(true);
    await screenshot(page, 'principal-import-report');
    // Nothing was written by the validation.
    const search = await (
      await page.request.get(`/api/students?schoolId=${schoolId}&q=Lò Thị Mai Anh`)
    ).json();
    expect(search.total).toBe(0);
    await page.getByTestId('import-commit-valid').click();
    await page.getByTestId('import-result').waitFor();
    const after = await (
      await page.request.get(`/api/students?schoolId=${schoolId}&q=Lò Thị Mai Anh`)
    ).json();
    expect(after.total).toBe(1);
    const bad = await (await page.request.get(`/api/students?schoolId=${schoolId}&q=Giàng A Páo`)).json();
    expect(bad.items.filter((s: { sectorId: string }) => s.sectorId === '1299000002')).toHaveLength(0);
    await context.close();
  });

  it('a parent sees only their own child, on a phone', async () => {
    const { context, page } = await newPage(browser, { phone: true });
    await loginAs(page, 'phuhuynh.qt');
    const api = await (await page.request.get('/api/students')).json();
    expect(api.total).toBe(1);
    const child = api.items[0];
    await page.getByText(child.fullName).first().waitFor();
    await screenshot(page, 'parent-home-phone');
    // Another student of the same school is refused by the server, whatever the client shows.
    const others = await (
      await page.request.get(`/api/students?schoolId=${child.schoolId}&pageSize=500`)
    ).json();
    expect(others.items.map((s: { id: string }) => s.id)).toEqual([child.id]);
    await context.close();
  });
});
