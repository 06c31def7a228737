/**
 * Stored XSS: classic, nested, entity-encoded, control-character and mutation payloads written into every free
 * text a user can store — question content (stem, options, explanation, through the API), messages,
 * announcements, review comments, and every plain-text field of the contracts (grading comments, notes,
 * reasons, operations texts) — and read back from the database. The stored value must be inert:
 *
 * - no '<' directly before a letter, '/', '!' or '?' (where an HTML parser would open a tag, comment or
 *   processing instruction): inserted into a page as HTML it stays text;
 * - in question markup, each formula rendered by the web's renderer (KaTeX, trust off) produces no script, no
 *   event handler attribute and no javascript: URL.
 */
import {
  AttendanceStatus,
  GradeEssayBody,
  QuestionReviewBody,
  RollUpdateBody,
  RoomCreateBody,
  StudentTransferBody,
  TargetReportBody,
  TermUnlockBody,
  toPlainText,
} from '@smartedu/contracts';
import { sanitizeMarkup, splitMath } from '@smartedu/domain';
import fc from 'fast-check';
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzRuns } from '../fuzz-runs';
import { type Client, createTestApp, login, type TestApp } from '../harness';

export const XSS_PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC=x OnErRoR=alert(1)>',
  '<svg/onload=alert(1)>',
  '<video><source onerror="alert(1)"></video>',
  '<details open ontoggle=alert(1)>',
  '<<b>img src=x onerror=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<\u0000img src=x onerror=alert(1)>',
  '<\u200bimg src=x onerror=alert(1)>',
  '&lt;img src=x onerror=alert(1)&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<a href="javascript:alert(1)">bấm vào đây</a>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '"><script>alert(document.cookie)</script>',
  "'><img src=x onerror=alert(1)//",
  '<!--<img src=x onerror=alert(1)>-->',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<x onmouseover=alert(1)>di chuột',
  '<img src=x onerror=alert(1)',
  '\\(\\href{javascript:alert(1)}{bấm}\\)',
  '$<img src=x onerror=alert(1)>$',
  '\\[\\url{javascript:alert(1)}\\]',
  '\\(\\htmlId{x}{y}\\includegraphics{javascript:alert(1)}\\)',
  'Cho \\(x<y\\) và a<b, tính \\(\\frac{1}{2}\\)',
];

/** Where an HTML parser would start markup. */
const TAG_OPEN = /<[a-zA-Z/!?]/;
/** In a tag of the renderer's output (text is escaped, so tags are exactly the '<…>' runs). */
const DANGEROUS_TAG =
  /^<\/?(script|iframe|object|embed|img|svg|video|audio|source|a|form|base|link|meta|style)\b/i;
const DANGEROUS_ATTR =
  /\son[a-z]+\s*=|(href|src|action|xlink:href)\s*=\s*["']?\s*(javascript|data|vbscript):/i;

export function inertText(value: string): string | null {
  if (TAG_OPEN.test(value)) return `markup in ${JSON.stringify(value)}`;
  return null;
}

export function inertMarkup(value: string): string | null {
  const text = inertText(value);
  if (text) return text;
  for (const seg of splitMath(value)) {
    if (seg.kind !== 'math') continue;
    const html = katex.renderToString(seg.value, {
      throwOnError: false,
      trust: false,
      displayMode: seg.display,
    });
    for (const tag of html.match(/<[^>]*>/g) ?? []) {
      if (DANGEROUS_TAG.test(tag) || DANGEROUS_ATTR.test(tag))
        return `KaTeX output of ${JSON.stringify(seg.value)} has ${tag}`;
    }
  }
  return null;
}

let t: TestApp;
let teacher: Client;
let principal: Client;
let schoolId: string;
let child: { id: string; currentClassId: string };

beforeAll(async () => {
  t = await createTestApp();
  teacher = await login(t.app, 'giaovien.qt');
  principal = await login(t.app, 'hieutruong.qt');
  const parent = await login(t.app, 'phuhuynh.qt');
  child = (await parent.get('/api/students')).json().items[0];
  schoolId = principal.me.roles[0].unitId;
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const rows = async (sql: string, params: unknown[] = []) =>
  t.database.execute<Record<string, unknown>>(sql, params);
/** Every string inside a JSON value. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

describe('stored XSS', () => {
  it('question content: stem, options and explanation are stored as inert markup', async () => {
    const failures: string[] = [];
    for (const [i, p] of XSS_PAYLOADS.entries()) {
      const res = await teacher.post(`/api/schools/${schoolId}/questions`, {
        subjectCode: 'THCS_TOAN',
        grade: 6,
        topic: 'Số tự nhiên',
        level: 'NB',
        points: 1,
        allowDuplicate: true,
        explanation: `Giải thích ${p}`,
        body: {
          type: 'single',
          content: {
            stem: `Câu ${i}: ${p}`,
            options: [
              { id: 'A', text: `Đáp án ${p}` },
              { id: 'B', text: 'Một đáp án khác' },
            ],
          },
          key: { optionId: 'A' },
        },
      });
      if (res.statusCode >= 300) {
        // Refusing the payload outright is also safe, but it must be a clean 400, never a 5xx.
        if (res.statusCode !== 400)
          failures.push(`create ${i} → ${res.statusCode} ${res.body.slice(0, 120)}`);
        continue;
      }
      const id = res.json().id as string;
      const [row] = await rows('select content, answer_key, explanation from questions where id = $1', [id]);
      for (const s of [...strings(row.content), ...strings(row.answer_key), String(row.explanation ?? '')]) {
        const bad = inertMarkup(s);
        if (bad) failures.push(`payload ${i}: ${bad}`);
      }
      // The same through an edit.
      const patched = await teacher.patch(`/api/schools/${schoolId}/questions/${id}`, { explanation: p });
      if (patched.statusCode >= 300 && patched.statusCode !== 400)
        failures.push(`patch ${i} → ${patched.statusCode}`);
      const [after] = await rows('select explanation from questions where id = $1', [id]);
      const bad = inertMarkup(String(after.explanation ?? ''));
      if (bad) failures.push(`patch ${i}: ${bad}`);
    }
    expect(failures).toEqual([]);
  });

  it('question review comments are stored as plain text', async () => {
    const created = await teacher.post(`/api/schools/${schoolId}/questions`, {
      subjectCode: 'THCS_TOAN',
      grade: 6,
      topic: 'Số tự nhiên',
      level: 'NB',
      points: 1,
      allowDuplicate: true,
      body: {
        type: 'single',
        content: {
          stem: 'Câu duyệt: 1 + 1 = ?',
          options: [
            { id: 'A', text: '2' },
            { id: 'B', text: '3' },
          ],
        },
        key: { optionId: 'A' },
      },
    });
    const id = created.json().id as string;
    expect(
      (await teacher.post(`/api/schools/${schoolId}/questions/${id}/submit`, { scope: 'school' })).statusCode,
    ).toBe(200);
    // NUL characters are refused at the edge (400): the other payloads together in one comment.
    const payload = XSS_PAYLOADS.filter((p) => !p.includes('\u0000')).join(' ');
    const res = await principal.post(`/api/schools/${schoolId}/questions/${id}/review`, {
      decision: 'reject',
      comment: `Cần sửa ${payload}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await rows('select review_comment from questions where id = $1', [id]);
    expect(inertText(String(row.review_comment))).toBeNull();
    expect(String(row.review_comment)).toContain('Cần sửa');
  });

  it('messages and announcements are stored as plain text', async () => {
    const thread = await teacher.post(`/api/schools/${schoolId}/message-threads`, {
      kind: 'student',
      studentId: child.id,
    });
    expect(thread.statusCode, thread.body).toBeLessThan(300);
    const threadId = thread.json().id as string;
    const failures: string[] = [];
    for (const [i, p] of XSS_PAYLOADS.entries()) {
      const m = await teacher.post(`/api/schools/${schoolId}/message-threads/${threadId}/messages`, {
        body: `Tin ${i} ${p}`,
      });
      if (m.statusCode >= 300 && m.statusCode !== 400) failures.push(`message ${i} → ${m.statusCode}`);
      const a = await teacher.post(`/api/schools/${schoolId}/announcements`, {
        classId: child.currentClassId,
        audience: 'all',
        title: `Thông báo ${i} ${p}`,
        body: `Nội dung ${p}`,
      });
      if (a.statusCode >= 300 && a.statusCode !== 400) failures.push(`announcement ${i} → ${a.statusCode}`);
    }
    for (const r of await rows('select body from messages')) {
      const bad = inertText(String(r.body));
      if (bad) failures.push(`message: ${bad}`);
    }
    for (const r of await rows('select title, body from announcements')) {
      for (const v of [r.title, r.body]) {
        const bad = inertText(String(v));
        if (bad) failures.push(`announcement: ${bad}`);
      }
    }
    // Notifications copy previews of both.
    for (const r of await rows('select n::text as x from notifications n')) {
      const bad = inertText(String(r.x).replaceAll('\\u003c', '<'));
      if (bad) failures.push(`notification: ${bad}`);
    }
    expect(failures).toEqual([]);
  });

  it('every plain-text field of the contracts cleans what it stores', () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const fields: [string, (p: string) => string | null | undefined][] = [
      ['GradeEssayBody.comment', (p) => GradeEssayBody.parse({ criteria: [1], comment: p }).comment],
      [
        'QuestionReviewBody.comment',
        (p) => QuestionReviewBody.parse({ decision: 'reject', comment: p }).comment,
      ],
      [
        'TermUnlockBody.reason',
        (p) => TermUnlockBody.parse({ termNo: 1, reason: `Mở khoá để sửa điểm ${p}` }).reason,
      ],
      [
        'RollUpdateBody.entries.note',
        (p) =>
          RollUpdateBody.parse({
            date: '2025-01-06',
            entries: [{ studentId: uuid, status: AttendanceStatus.options[0], note: p.slice(0, 300) }],
          }).entries[0].note,
      ],
      [
        'StudentTransferBody.note',
        (p) => StudentTransferBody.parse({ date: '2025-01-06', note: p.slice(0, 300) }).note,
      ],
      ['RoomCreateBody.name', (p) => RoomCreateBody.parse({ name: `Phòng ${p}`.slice(0, 200) }).name],
      ['RoomCreateBody.note', (p) => RoomCreateBody.parse({ name: 'Phòng 1', note: p }).note],
      [
        'TargetReportBody.evidence',
        (p) =>
          TargetReportBody.parse({
            targetId: uuid,
            asOf: '2025-01-06',
            numerator: 1,
            evidence: `Minh chứng ${p}`,
          }).evidence,
      ],
    ];
    const failures: string[] = [];
    for (const [name, parse] of fields) {
      for (const p of XSS_PAYLOADS) {
        let out: string | null | undefined;
        try {
          out = parse(p);
        } catch {
          continue; // refused by validation: also safe
        }
        const bad = inertText(out ?? '');
        if (bad) failures.push(`${name}: ${bad}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('property: no input makes the sanitisers emit markup', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '<',
        '>',
        '/',
        '!',
        '?',
        'img',
        'script',
        ' onerror=',
        '&lt;',
        '&#60;',
        '&gt;',
        '\u0000',
        '$',
        '\\(',
        '\\)',
        '<!--',
        '-->',
        'a',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const s = parts.join('');
        expect(inertText(toPlainText(s, 5000))).toBeNull();
        expect(inertText(sanitizeMarkup(s))).toBeNull();
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
