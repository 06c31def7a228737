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

const XSS = 'Mời phụ huynh dự họp <img src=x onerror="window.__xss=1"><script>window.__xss=2</script>lớp 6A1';
const TITLE = 'Kiểm tra sức khỏe định kỳ';

describe('contact book: teacher and parent', () => {
  it('the teacher writes to the class and announces; the parent reads, confirms and answers on a phone', async () => {
    const teacher = await newPage(browser);
    const tp = teacher.page;
    await loginAs(tp, 'giaovien.qt');
    await tp.getByTestId('nav-contact-book').click();
    await tp.getByTestId('thread-list').waitFor();
    expect(await tp.getByTestId('thread-item').count()).toBeGreaterThanOrEqual(2); // demo threads
    await tp.getByTestId('open-class-thread').click();
    await tp.getByTestId('thread-title').getByText('Lớp 6A1 — trao đổi chung').waitFor();
    await tp.getByTestId('message-input').fill(XSS);
    await tp.getByTestId('message-send').click();
    const mine = tp.getByTestId('message-item').filter({ hasText: 'Mời phụ huynh dự họp' });
    await mine.waitFor();
    expect(await mine.getByTestId('message-body').textContent()).toBe('Mời phụ huynh dự họp lớp 6A1');
    expect(await tp.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

    await tp.goto('/contact-book');
    await tp.getByTestId('tab-announcements').click();
    const form = tp.getByTestId('announcement-form');
    await form.waitFor();
    await tp.getByTestId('announcement-title').fill(TITLE);
    await tp
      .getByTestId('announcement-body')
      .fill('Thứ Ba tuần sau trạm y tế phường khám sức khỏe cho các em.');
    await tp.getByTestId('announcement-submit').click();
    const ann = tp.getByTestId('announcement-item').filter({ hasText: TITLE });
    await ann.waitFor();
    await expect(ann.getByTestId('announcement-read-count').textContent()).resolves.toMatch(/Đã đọc 0\/\d+/);
    await screenshot(tp, 'contact-book-teacher');

    const parent = await newPage(browser, { phone: true });
    const pp = parent.page;
    await loginAs(pp, 'phuhuynh.qt');
    await pp.goto('/contact-book');
    const bell = pp.getByTestId('notif-bell');
    await bell.waitFor();
    // The message and the announcement reach the parent through the job queue.
    for (let i = 0; i < 40 && Number(await bell.getAttribute('data-unread')) < 2; i++) {
      await pp.waitForTimeout(500);
      await pp.reload();
      await bell.waitFor();
    }
    expect(Number(await bell.getAttribute('data-unread'))).toBeGreaterThanOrEqual(2);
    await bell.click();
    await pp.getByTestId('notif-item').filter({ hasText: TITLE }).waitFor();
    await pp.keyboard.press('Escape');

    const forParent = pp.getByTestId('announcement-item').filter({ hasText: TITLE });
    await forParent.getByTestId('announcement-mark-read').click();
    await forParent.getByTestId('announcement-read').waitFor();
    expect(await forParent.getByTestId('announcement-read-count').count()).toBe(0);
    await screenshot(pp, 'contact-book-parent-home');

    await pp.getByTestId('thread-item').filter({ hasText: 'Lớp 6A1 — trao đổi chung' }).click();
    await pp.getByTestId('message-item').filter({ hasText: 'Mời phụ huynh dự họp lớp 6A1' }).waitFor();
    await pp.getByTestId('message-input').fill('Gia đình sẽ đến đúng giờ ạ.');
    await pp.getByTestId('message-send').click();
    await pp.getByTestId('message-item').filter({ hasText: 'Gia đình sẽ đến đúng giờ ạ.' }).waitFor();
    await screenshot(pp, 'contact-book-parent-phone');

    // Back on the teacher's side: one of the recipients has read it.
    await tp.reload();
    await tp.getByTestId('tab-announcements').click();
    await expect(
      tp
        .getByTestId('announcement-item')
        .filter({ hasText: TITLE })
        .getByTestId('announcement-read-count')
        .textContent(),
    ).resolves.toMatch(/Đã đọc 1\/\d+/);
    await teacher.context.close();
    await parent.context.close();
  });
});
