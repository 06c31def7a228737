import {
  type CognitiveLevel,
  formatDecimal,
  markupToText,
  OPTION_LETTERS,
  type QuestionBody,
} from '@smartedu/domain';
import ExcelJS from 'exceljs';
import { MATH_FONT, type PdfNode, renderPdf } from './pdf-printer';

/** A version's items in display order, ready to print. */
export type PrintItem = {
  number: number;
  points: number;
  level: CognitiveLevel;
  body: QuestionBody;
  answer: string;
};
export type PrintTest = {
  title: string;
  subjectName: string;
  grade: number;
  durationMinutes: number;
  unitName: string;
  parentUnitName: string | null;
  instructions: string | null;
};
export type PrintMedia = Map<string, { bytes: Uint8Array; contentType: string }>;

const PART_TITLES: Record<QuestionBody['type'], string> = {
  single: 'Câu trắc nghiệm nhiều phương án lựa chọn. Mỗi câu hỏi thí sinh chỉ chọn một phương án.',
  multiple: 'Câu trắc nghiệm nhiều đáp án. Mỗi câu có thể có nhiều phương án đúng.',
  true_false: 'Câu trắc nghiệm đúng sai. Trong mỗi ý a), b), c), d) ở mỗi câu, thí sinh chọn đúng hoặc sai.',
  short_answer: 'Câu trắc nghiệm trả lời ngắn.',
  matching: 'Câu ghép nối.',
  fill_blank: 'Câu điền khuyết.',
  essay: 'Tự luận.',
};
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'];
/** Characters Noto Sans has no glyph for: printed with Noto Sans Math. */
const MATH_CHARS = new Set([...'−≤≥≠√∈∉△∠⊥∥→⇒⇔∞≈∅⊂⊆∪∩∘ℕℤℚℝ∑∫⃗̅']);
/** Restricted markup → text runs: formulas as readable Unicode, symbols in the math font. */
function t(s: string): PdfNode[] {
  const text = markupToText(s);
  const runs: PdfNode[] = [];
  let buf = '';
  let math = false;
  const flush = () => {
    if (buf) runs.push(math ? { text: buf, font: MATH_FONT } : { text: buf });
    buf = '';
  };
  for (const ch of text) {
    const m = MATH_CHARS.has(ch);
    if (m !== math) {
      flush();
      math = m;
    }
    buf += ch;
  }
  flush();
  return runs;
}

function images(body: QuestionBody, media: PrintMedia): PdfNode[] {
  return (body.content.media ?? []).flatMap((m) => {
    const file = media.get(m.sha256);
    if (!file || m.kind !== 'image' || !['image/png', 'image/jpeg'].includes(file.contentType)) return [];
    const url = `data:${file.contentType};base64,${Buffer.from(file.bytes).toString('base64')}`;
    return [{ image: url, fit: [260, 180], margin: [20, 4, 0, 4] }];
  });
}

function optionsBlock(texts: string[]): PdfNode {
  const longest = Math.max(...texts.map((x) => markupToText(x).length));
  const perRow = longest <= 22 ? 4 : longest <= 50 ? 2 : 1;
  const rows: PdfNode[] = [];
  for (let i = 0; i < texts.length; i += perRow) {
    const cols = texts.slice(i, i + perRow).map((x, k) => ({
      width: `${100 / perRow}%`,
      text: [{ text: `${OPTION_LETTERS[i + k]}. `, bold: true }, ...t(x)],
    }));
    rows.push({ columns: cols, margin: [14, 1, 0, 1] });
  }
  return rows;
}

function questionNodes(item: PrintItem, media: PrintMedia): PdfNode[] {
  const b = item.body;
  const stem =
    b.type === 'fill_blank' ? b.content.stem.replace(/\[\[([^\]]+)\]\]/g, '……($1)……') : b.content.stem;
  const out: PdfNode[] = [
    {
      text: [
        { text: `Câu ${item.number}. `, bold: true },
        ...t(stem),
        { text: ` (${formatDecimal(item.points)} điểm)`, italics: true, color: '#555555', fontSize: 9 },
      ],
      margin: [0, 6, 0, 2],
    },
    ...images(b, media),
  ];
  if ((b.content.media ?? []).some((m) => m.kind === 'audio'))
    out.push({ text: '(Nghe đoạn ghi âm kèm theo.)', italics: true, margin: [14, 0, 0, 2] });
  switch (b.type) {
    case 'single':
    case 'multiple':
      out.push(optionsBlock(b.content.options.map((o) => o.text)));
      break;
    case 'true_false':
      for (const [i, s] of b.content.statements.entries())
        out.push({ text: [`${'abcdefgh'[i]}) `, ...t(s.text)], margin: [14, 1, 0, 1] });
      break;
    case 'matching':
      out.push({
        columns: [
          { width: '50%', stack: b.content.left.map((l, i) => ({ text: [`${i + 1}. `, ...t(l.text)] })) },
          {
            width: '50%',
            stack: b.content.right.map((r, i) => ({ text: [`${OPTION_LETTERS[i]}. `, ...t(r.text)] })),
          },
        ],
        margin: [14, 2, 0, 2],
      });
      break;
    case 'essay':
      out.push({ text: '\n\n\n', fontSize: 8 });
      break;
    default:
      break;
  }
  return out;
}

/** The paper copy of one version (mã đề), with its answer key on a separate page when asked. */
export async function renderTestPdf(
  test: PrintTest,
  code: string,
  items: PrintItem[],
  media: PrintMedia,
  withKey: boolean,
): Promise<Buffer> {
  const parts: PdfNode[] = [];
  let part = -1;
  let lastType: string | null = null;
  for (const item of items) {
    if (item.body.type !== lastType) {
      part++;
      lastType = item.body.type;
      parts.push({
        text: [{ text: `PHẦN ${ROMAN[part] ?? part + 1}. `, bold: true }, PART_TITLES[item.body.type]],
        margin: [0, 10, 0, 2],
      });
    }
    parts.push(...questionNodes(item, media));
  }
  const total = items.reduce((s, i) => s + i.points, 0);
  const header: PdfNode = {
    columns: [
      {
        width: '40%',
        alignment: 'center',
        stack: [
          ...(test.parentUnitName ? [{ text: test.parentUnitName.toUpperCase(), fontSize: 10 }] : []),
          { text: test.unitName.toUpperCase(), bold: true, fontSize: 10 },
          { text: `Mã đề: ${code}`, bold: true, margin: [0, 6, 0, 0] },
        ],
      },
      {
        width: '60%',
        alignment: 'center',
        stack: [
          { text: test.title.toUpperCase(), bold: true },
          `Môn: ${test.subjectName} – Lớp ${test.grade}`,
          {
            text: `Thời gian làm bài: ${test.durationMinutes} phút (không kể thời gian phát đề)`,
            italics: true,
            fontSize: 10,
          },
        ],
      },
    ],
  };
  const content: PdfNode[] = [
    header,
    {
      text: 'Họ và tên học sinh: ……………………………………………   Lớp: ……………   Số báo danh: ……………',
      margin: [0, 12, 0, 4],
    },
    ...(test.instructions ? [{ text: test.instructions, italics: true, margin: [0, 0, 0, 4] }] : []),
    ...parts,
    { text: '———— HẾT ————', alignment: 'center', bold: true, margin: [0, 14, 0, 0] },
  ];
  if (withKey) {
    content.push({
      text: `ĐÁP ÁN VÀ BIỂU ĐIỂM — MÃ ĐỀ ${code}`,
      bold: true,
      alignment: 'center',
      pageBreak: 'before',
      margin: [0, 0, 0, 8],
    });
    content.push({
      text: `${test.title} — Môn ${test.subjectName}, lớp ${test.grade}. Tổng điểm: ${formatDecimal(total)}.`,
      alignment: 'center',
      margin: [0, 0, 0, 8],
    });
    content.push({
      table: {
        headerRows: 1,
        widths: [40, '*', 50, 40],
        body: [
          ['Câu', 'Đáp án', 'Điểm', 'Mức độ'].map((h) => ({
            text: h,
            bold: true,
            fillColor: '#eeeeee',
            alignment: 'center',
          })),
          ...items.map((i) => [
            { text: String(i.number), alignment: 'center' },
            { text: t(i.answer) },
            { text: formatDecimal(i.points), alignment: 'center' },
            { text: i.level, alignment: 'center' },
          ]),
        ],
      },
    });
    const tf = items.filter((i) => i.body.type === 'true_false');
    if (tf.length)
      content.push({
        text: 'Phần đúng sai: đúng 1 ý được 10%, 2 ý 25%, 3 ý 50%, 4 ý 100% điểm của câu.',
        italics: true,
        fontSize: 9,
        margin: [0, 6, 0, 0],
      });
    for (const i of items.filter((x) => x.body.type === 'essay')) {
      const b = i.body;
      if (b.type !== 'essay') continue;
      content.push({ text: `Câu ${i.number} — hướng dẫn chấm`, bold: true, margin: [0, 8, 0, 2] });
      for (const r of b.content.rubric)
        content.push({
          text: ['• ', ...t(r.criterion), `: ${formatDecimal(r.points)} điểm`],
          margin: [10, 0, 0, 0],
        });
      if (b.key.sampleAnswer)
        content.push({ text: ['Đáp án mẫu: ', ...t(b.key.sampleAnswer)], margin: [10, 2, 0, 0] });
    }
  }
  return renderPdf({
    info: { title: `${test.title} - ma de ${code}`, creator: 'SmartEdu' },
    pageSize: 'A4',
    pageMargins: [40, 36, 40, 40],
    footer: (page: number, pages: number) => ({
      text: `Mã đề ${code} — Trang ${page}/${pages}`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    }),
    content,
  });
}

/** Answer keys of every version: one overview sheet (question × version), one sheet per version. */
export async function renderAnswerKeyXlsx(
  test: PrintTest,
  versions: { code: string; items: PrintItem[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SmartEdu';
  const ws = wb.addWorksheet('DapAn');
  ws.addRow([`${test.title} — ${test.subjectName}, lớp ${test.grade}`]).font = { bold: true };
  const header = ws.addRow(['Câu', ...versions.map((v) => `Mã ${v.code}`)]);
  header.font = { bold: true };
  const n = Math.max(0, ...versions.map((v) => v.items.length));
  for (let i = 0; i < n; i++)
    ws.addRow([i + 1, ...versions.map((v) => markupToText(v.items[i]?.answer ?? ''))]);
  ws.getColumn(1).width = 8;
  versions.forEach((_, i) => {
    ws.getColumn(i + 2).width = 14;
  });
  for (const v of versions) {
    const sheet = wb.addWorksheet(v.code);
    sheet.addRow(['Câu', 'Đáp án', 'Điểm', 'Mức độ', 'Dạng']).font = { bold: true };
    for (const item of v.items)
      sheet.addRow([item.number, markupToText(item.answer), item.points, item.level, item.body.type]);
    sheet.getColumn(2).width = 24;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
