import { describe, expect, it } from 'vitest';
import { preview, toPlainText } from './plain-text';

describe('toPlainText', () => {
  it.each([
    ['<script>alert(1)</script>Chào cô', 'Chào cô'],
    ['Xin chào <img src=x onerror=alert(1)> cô', 'Xin chào  cô'],
    ['<IMG SRC="javascript:alert(1)"', ''],
    ['<svg/onload=alert(1)>ok', 'ok'],
    ['<a href="javascript:alert(1)">bấm</a>', 'bấm'],
    ['<<script>script>alert(1)<</script>/script>', ''],
    ['<!-- x --><b>đậm</b>', 'đậm'],
    ['<style>body{}</style>văn bản', 'văn bản'],
    ['<scr<script>ipt>alert(1)</script>', ''],
  ])('strips markup from %s', (input, out) => {
    const s = toPlainText(input, 1000);
    expect(s).toBe(out);
    expect(s).not.toMatch(/<\s*[a-z!/]/i);
  });

  it('keeps ordinary text, maths and Vietnamese', () => {
    expect(toPlainText('Điểm < 5 thì cần ôn lại; 3 > 2 và a < b', 100)).toBe(
      'Điểm < 5 thì cần ôn lại; 3 > 2 và a < b',
    );
    expect(toPlainText('Dòng 1\r\n\r\n\r\n\r\nDòng 2  \n', 100)).toBe('Dòng 1\n\nDòng 2');
    expect(toPlainText('&lt;script&gt;', 100)).toBe('&lt;script&gt;');
  });

  it('limits the length and removes control characters', () => {
    expect(toPlainText('a\u0000b\u202ec', 100)).toBe('abc');
    expect(toPlainText('x'.repeat(50), 10)).toHaveLength(10);
  });
});

describe('preview', () => {
  it('cuts long text at a word', () => {
    expect(preview('Kính gửi quý phụ huynh lớp 6A1 về buổi họp', 20)).toBe('Kính gửi quý phụ…');
    expect(preview('Ngắn', 20)).toBe('Ngắn');
  });
});
