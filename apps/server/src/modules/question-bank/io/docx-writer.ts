import { strToU8, zipSync } from 'fflate';
import { esc } from './xml';

/**
 * A minimal .docx writer: paragraphs of formatted runs, tables, inline pictures and raw OMML equations. Used
 * for the sample Word file teachers download and to build test fixtures programmatically.
 */

export type WRun =
  | string
  | { text: string; underline?: boolean; color?: string; bold?: boolean; italic?: boolean }
  | { omml: string }
  | { image: string; alt?: string; floating?: boolean };
export type WParagraph = { runs: WRun[] } | WRun[] | string;
export type WBlock = WParagraph | { table: WParagraph[][] };
export type WImage = { name: string; bytes: Uint8Array };

const NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"';

function runXml(run: WRun, images: Map<string, string>): string {
  if (typeof run === 'string') return `<w:r><w:t xml:space="preserve">${esc(run)}</w:t></w:r>`;
  if ('omml' in run) return `<m:oMath>${run.omml}</m:oMath>`;
  if ('image' in run) {
    const rid = images.get(run.image) ?? 'rIdMissing';
    const pic = `<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="${esc(run.image)}"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="${rid}"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>`;
    const holder = run.floating ? 'wp:anchor' : 'wp:inline';
    return `<w:r><w:drawing><${holder}><wp:extent cx="952500" cy="952500"/><wp:docPr id="1" name="Hình" descr="${esc(run.alt ?? '')}"/>${pic}</${holder}></w:drawing></w:r>`;
  }
  const props = [
    run.bold ? '<w:b/>' : '',
    run.italic ? '<w:i/>' : '',
    run.color ? `<w:color w:val="${esc(run.color)}"/>` : '',
    run.underline ? '<w:u w:val="single"/>' : '',
  ].join('');
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(run.text)}</w:t></w:r>`;
}

function paragraphXml(p: WParagraph, images: Map<string, string>): string {
  const runs = typeof p === 'string' ? [p] : Array.isArray(p) ? p : p.runs;
  return `<w:p>${runs.map((r) => runXml(r, images)).join('')}</w:p>`;
}

/** Builds a .docx file. `images` are stored under word/media and referenced by name from image runs. */
export function buildDocx(blocks: readonly WBlock[], images: readonly WImage[] = []): Uint8Array {
  const rids = new Map(images.map((img, i) => [img.name, `rIdImg${i + 1}`]));
  const body = blocks
    .map((b) =>
      typeof b === 'object' && !Array.isArray(b) && 'table' in b
        ? `<w:tbl>${b.table.map((row) => `<w:tr>${row.map((cell) => `<w:tc>${paragraphXml(cell, rids)}</w:tc>`).join('')}</w:tr>`).join('')}</w:tbl>`
        : paragraphXml(b as WParagraph, rids),
    )
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${NS}><w:body>${body}<w:sectPr/></w:body></w:document>`,
    ),
    'word/_rels/document.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${images
        .map(
          (img) =>
            `<Relationship Id="${rids.get(img.name)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/${esc(img.name)}"/>`,
        )
        .join('')}</Relationships>`,
    ),
  };
  for (const img of images) files[`word/media/${img.name}`] = img.bytes;
  return zipSync(files);
}

const u = (text: string) => ({ text, underline: true });
const red = (text: string) => ({ text, color: 'FF0000' });
/** OMML for a fraction a/b. */
export const ommlFraction = (a: string, b: string) =>
  `<m:f><m:num><m:r><m:t>${esc(a)}</m:t></m:r></m:num><m:den><m:r><m:t>${esc(b)}</m:t></m:r></m:den></m:f>`;

/** The sample file teachers download: every convention of docs/question-formats.md once. */
export function sampleQuestionDocx(): Uint8Array {
  return buildDocx([
    'SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH LAI CHÂU',
    'ĐỀ MẪU NHẬP NGÂN HÀNG CÂU HỎI — Môn: Toán, Lớp: 6',
    '[Chủ đề: Số tự nhiên] [Mức độ: NB] [Điểm: 0,25]',
    'PHẦN I. Câu trắc nghiệm nhiều phương án lựa chọn',
    'Câu 1: Số nào sau đây là số nguyên tố?',
    ['A. 1'],
    [u('B.'), ' 2'],
    ['C. 4'],
    ['D. 9'],
    'Câu 2: Kết quả của phép tính 2³ là',
    ['A. 6    ', red('B. 8'), '    C. 9    D. 5'],
    [{ text: 'Câu 3: Giá trị của phân số ' }, { omml: ommlFraction('6', '8') }, ' sau khi rút gọn là'],
    ['A. 3/4'],
    ['B. 2/3'],
    ['C. 6/4'],
    [{ text: 'D.', italic: true }, ' Không rút gọn được'],
    'Đáp án: A',
    'PHẦN II. Câu trắc nghiệm đúng sai',
    '[Chủ đề: Số tự nhiên] [Mức độ: TH] [Điểm: 1]',
    'Câu 4: Cho các số 12, 15, 20.',
    [u('a)'), ' 12 chia hết cho 3.'],
    ['b) 15 là số chẵn.'],
    [u('c) 20 chia hết cho 5.')],
    ['d) Cả ba số đều chia hết cho 2.'],
    'PHẦN III. Câu trắc nghiệm trả lời ngắn',
    '[Mức độ: VD] [Điểm: 0,5]',
    'Câu 5: Tính 1,5 + 2,25.',
    'Đáp án: 3,75',
    'Lời giải: 1,5 + 2,25 = 3,75.',
    '--- HẾT ---',
  ]);
}
