import type { DocBlock, DocImage, DocNote, DocParagraph, DocRun } from '@smartedu/domain';
import { strFromU8, unzipSync } from 'fflate';
import { AppError } from '../../../errors';
import { ommlToLatex } from './omml';
import { child, descendants, elements, local, parseXml, textOf, type XElement } from './xml';

/**
 * Reads a .docx into the paragraph/run model of the Word parser: direct run formatting (underline, colour,
 * bold, italic), automatic list labels, tables, inline and floating pictures, Word equations (as LaTeX) and
 * MathType objects (their preview picture, with a warning). Malformed files fail with a clear code and
 * nothing else happens.
 */

export type DocxMedia = { bytes: Uint8Array; contentType: string; fileName: string };
export type DocxContent = { blocks: DocBlock[]; media: Map<string, DocxMedia> };

const MAX_UNZIPPED = 200 * 1024 * 1024;
const fail = (code: string, message: string) => new AppError(code, message, undefined, 400);

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
  emf: 'image/emf',
  wmf: 'image/wmf',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  ogg: 'audio/ogg',
};
export const contentTypeOf = (name: string) =>
  CONTENT_TYPES[name.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';

/** Unzips with a size guard (a zip bomb fails instead of filling memory). */
export function unzipGuarded(bytes: Uint8Array, code: string, label: string): Record<string, Uint8Array> {
  let total = 0;
  try {
    return unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (total > MAX_UNZIPPED) throw new Error('too large');
        return true;
      },
    });
  } catch {
    throw fail(code, `Tệp ${label} bị hỏng hoặc không phải tệp nén hợp lệ.`);
  }
}

function formatNumber(n: number, fmt: string): string {
  const roman = (x: number) => {
    const table: [number, string][] = [
      [1000, 'M'],
      [900, 'CM'],
      [500, 'D'],
      [400, 'CD'],
      [100, 'C'],
      [90, 'XC'],
      [50, 'L'],
      [40, 'XL'],
      [10, 'X'],
      [9, 'IX'],
      [5, 'V'],
      [4, 'IV'],
      [1, 'I'],
    ];
    let out = '';
    for (const [v, s] of table)
      while (x >= v) {
        out += s;
        x -= v;
      }
    return out;
  };
  const letter = (x: number) => String.fromCharCode(64 + (((x - 1) % 26) + 1));
  switch (fmt) {
    case 'upperLetter':
      return letter(n);
    case 'lowerLetter':
      return letter(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

type Level = { fmt: string; text: string; start: number; run: Partial<DocRun> };

function readNumbering(xml: string | undefined): Map<string, Map<number, Level>> {
  const out = new Map<string, Map<number, Level>>();
  if (!xml) return out;
  let root: XElement | undefined;
  try {
    root = parseXml(xml)[0];
  } catch {
    return out;
  }
  if (!root) return out;
  const abstract = new Map<string, Map<number, Level>>();
  for (const a of elements(root).filter((e) => e.name === 'w:abstractNum')) {
    const levels = new Map<number, Level>();
    for (const lvl of elements(a).filter((e) => e.name === 'w:lvl')) {
      const attr = (name: string) => child(lvl, name)?.attrs['w:val'];
      const rPr = child(lvl, 'w:rPr');
      levels.set(Number(lvl.attrs['w:ilvl'] ?? 0), {
        fmt: attr('w:numFmt') ?? 'decimal',
        text: attr('w:lvlText') ?? '%1.',
        start: Number(attr('w:start') ?? 1),
        run: rPr ? runProps(rPr) : {},
      });
    }
    abstract.set(a.attrs['w:abstractNumId'] ?? '', levels);
  }
  for (const n of elements(root).filter((e) => e.name === 'w:num')) {
    const id = child(n, 'w:abstractNumId')?.attrs['w:val'] ?? '';
    const levels = abstract.get(id);
    if (levels) out.set(n.attrs['w:numId'] ?? '', levels);
  }
  return out;
}

const on = (e: XElement | undefined) => {
  if (!e) return false;
  const v = e.attrs['w:val'];
  return v === undefined || !['0', 'false', 'off', 'none'].includes(v);
};

function runProps(rPr: XElement): Partial<DocRun> {
  const u = child(rPr, 'w:u');
  const color = child(rPr, 'w:color')?.attrs['w:val'];
  return {
    underline: Boolean(u && u.attrs['w:val'] !== 'none'),
    color: color && color !== 'auto' ? color : null,
    bold: on(child(rPr, 'w:b')),
    italic: on(child(rPr, 'w:i')),
  };
}

type Context = {
  rels: Map<string, string>;
  numbering: Map<string, Map<number, Level>>;
  counters: Map<string, number[]>;
};

function readParagraph(p: XElement, ctx: Context): DocParagraph {
  const runs: DocRun[] = [];
  const images: DocImage[] = [];
  const notes: DocNote[] = [];
  const pPr = child(p, 'w:pPr');
  const numPr = pPr && child(pPr, 'w:numPr');
  if (numPr) {
    const numId = child(numPr, 'w:numId')?.attrs['w:val'] ?? '';
    const ilvl = Number(child(numPr, 'w:ilvl')?.attrs['w:val'] ?? 0);
    const levels = ctx.numbering.get(numId);
    const level = levels?.get(ilvl);
    if (levels && level) {
      const counts = ctx.counters.get(numId) ?? [];
      for (let i = 0; i <= ilvl; i++) counts[i] ??= (levels.get(i)?.start ?? 1) - 1;
      counts[ilvl]++;
      counts.length = ilvl + 1;
      ctx.counters.set(numId, counts);
      const label = level.text.replace(/%(\d)/g, (_, d: string) => {
        const i = Number(d) - 1;
        return formatNumber(counts[i] ?? 1, levels.get(i)?.fmt ?? 'decimal');
      });
      const markProps = pPr && child(pPr, 'w:rPr') ? runProps(child(pPr, 'w:rPr')!) : {};
      if (label.trim() && level.fmt !== 'bullet')
        runs.push({ ...level.run, ...markProps, text: `${label} ` });
    }
  }
  const image = (rid: string | undefined, alt: string | undefined, floating: boolean) => {
    const target = rid ? ctx.rels.get(rid) : undefined;
    if (target) images.push({ ref: target, ...(alt ? { alt } : {}), floating });
  };
  const visit = (e: XElement) => {
    for (const c of elements(e)) {
      switch (c.name) {
        case 'w:r': {
          const rPr = child(c, 'w:rPr');
          const props = rPr ? runProps(rPr) : {};
          for (const rc of elements(c)) {
            if (rc.name === 'w:t') runs.push({ ...props, text: textOf(rc) });
            else if (rc.name === 'w:tab') runs.push({ ...props, text: '\t' });
            else if (rc.name === 'w:br' || rc.name === 'w:cr') runs.push({ text: '\n' });
            else if (rc.name === 'w:sym')
              runs.push({
                ...props,
                text: String.fromCharCode(Number.parseInt(rc.attrs['w:char'] ?? '20', 16) || 32),
              });
            else if (rc.name === 'w:drawing') {
              for (const holder of elements(rc)) {
                const blip = descendants(holder, 'a:blip')[0];
                const alt = descendants(holder, 'wp:docPr')[0]?.attrs.descr;
                image(blip?.attrs['r:embed'], alt, local(holder.name) === 'anchor');
              }
            } else if (rc.name === 'w:pict') {
              const data = descendants(rc, 'v:imagedata')[0];
              image(data?.attrs['r:id'], data?.attrs['o:title'], false);
            } else if (rc.name === 'w:object') {
              const ole = descendants(rc, 'o:OLEObject')[0];
              const prog = ole?.attrs.ProgID ?? '';
              const data = descendants(rc, 'v:imagedata')[0];
              if (/^Equation\./i.test(prog)) {
                notes.push({
                  code: 'MATHTYPE',
                  message:
                    'công thức MathType nhập dưới dạng ảnh; nên chuyển sang công thức Word hoặc LaTeX.',
                });
              }
              image(data?.attrs['r:id'], undefined, false);
            }
          }
          break;
        }
        case 'm:oMath':
        case 'm:oMathPara': {
          const { latex, unsupported } = ommlToLatex(c);
          if (latex) runs.push({ text: `\\(${latex}\\)`, math: true });
          if (unsupported.length)
            notes.push({
              code: 'MATH_UNSUPPORTED',
              message: `một phần công thức (${[...new Set(unsupported)].join(', ')}) chưa chuyển được sang LaTeX, cần kiểm tra.`,
            });
          break;
        }
        case 'w:hyperlink':
        case 'w:ins':
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:fldSimple':
        case 'w:sdtContent':
          visit(c);
          break;
        case 'w:sdt':
          visit(c);
          break;
        default:
          break;
      }
    }
  };
  visit(p);
  return { kind: 'paragraph', runs, images, notes };
}

function readBlocks(parent: XElement, ctx: Context, out: DocBlock[]) {
  for (const c of elements(parent)) {
    if (c.name === 'w:p') out.push(readParagraph(c, ctx));
    else if (c.name === 'w:tbl') {
      const rows = elements(c)
        .filter((r) => r.name === 'w:tr')
        .map((r) =>
          elements(r)
            .filter((cell) => cell.name === 'w:tc')
            .map((cell) => {
              const inner: DocBlock[] = [];
              readBlocks(cell, ctx, inner);
              return inner.filter((b): b is DocParagraph => b.kind === 'paragraph');
            }),
        );
      out.push({ kind: 'table', rows });
    } else if (c.name === 'w:sdt') {
      const content = child(c, 'w:sdtContent');
      if (content) readBlocks(content, ctx, out);
    } else if (c.name === 'w:customXml') readBlocks(c, ctx, out);
  }
}

/** Reads a .docx file; throws DOCX_BAD_ZIP, DOCX_NO_DOCUMENT or DOCX_BAD_XML (status 400) for bad files. */
export function readDocx(bytes: Uint8Array): DocxContent {
  const files = unzipGuarded(bytes, 'DOCX_BAD_ZIP', 'Word (.docx)');
  const docBytes = files['word/document.xml'];
  if (!docBytes)
    throw fail(
      'DOCX_NO_DOCUMENT',
      'Tệp .docx không có nội dung văn bản (thiếu word/document.xml). Hãy lưu lại bằng Word dạng .docx.',
    );
  let root: XElement | undefined;
  try {
    root = parseXml(strFromU8(docBytes))[0];
  } catch (err) {
    throw fail('DOCX_BAD_XML', `Nội dung tệp Word bị hỏng: ${(err as Error).message}.`);
  }
  const body = root && child(root, 'w:body');
  if (!body) throw fail('DOCX_NO_DOCUMENT', 'Tệp .docx không có phần nội dung (w:body).');
  const rels = new Map<string, string>();
  const relsBytes = files['word/_rels/document.xml.rels'];
  if (relsBytes) {
    try {
      const relRoot = parseXml(strFromU8(relsBytes))[0];
      for (const r of relRoot ? elements(relRoot) : []) {
        if (r.attrs.TargetMode === 'External') continue;
        const target = r.attrs.Target ?? '';
        const path = target.startsWith('/') ? target.slice(1) : `word/${target}`;
        rels.set(r.attrs.Id ?? '', path.replace(/\/\.\//g, '/'));
      }
    } catch {
      // no pictures then
    }
  }
  const numberingBytes = files['word/numbering.xml'];
  const ctx: Context = {
    rels,
    numbering: readNumbering(numberingBytes ? strFromU8(numberingBytes) : undefined),
    counters: new Map(),
  };
  const blocks: DocBlock[] = [];
  readBlocks(body, ctx, blocks);
  const media = new Map<string, DocxMedia>();
  for (const path of new Set(rels.values())) {
    const data = files[path];
    if (data)
      media.set(path, {
        bytes: data,
        contentType: contentTypeOf(path),
        fileName: path.split('/').pop() ?? path,
      });
  }
  return { blocks, media };
}
