import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * pdfmake's layout engine with a private Printer (no module-level singleton): the shipped Noto Sans font
 * (assets/fonts, SIL OFL), no network and no file access beyond the font directory. Pictures come in as
 * data URLs.
 */

export type PdfNode = string | PdfNode[] | { [key: string]: unknown };
export type PdfDocDefinition = { content: PdfNode; [key: string]: unknown };

type PdfKitDocument = NodeJS.ReadableStream & { end(): void };
type PrinterCtor = new (
  fonts: Record<string, Record<string, string>>,
  virtualfs: null,
  urlResolver: unknown,
  localAccessPolicy: (p: string) => boolean,
) => { createPdfKitDocument(doc: PdfDocDefinition): Promise<PdfKitDocument> };
type UrlResolverCtor = new (fs: {
  existsSync(p: string): boolean;
  writeFileSync(p: string, data: unknown): void;
}) => { setUrlAccessPolicy(policy: (url: string) => boolean): void };

const require = createRequire(import.meta.url);
const Printer = (require('pdfmake/js/Printer.js') as { default: PrinterCtor }).default;
const UrlResolver = (require('pdfmake/js/URLResolver.js') as { default: UrlResolverCtor }).default;

const FONT_DIR = path.resolve(import.meta.dirname, '../../../../assets/fonts');
const FONT = 'NotoSans';
export const MATH_FONT = 'NotoSansMath';

export async function renderPdf(doc: PdfDocDefinition): Promise<Buffer> {
  const resolver = new UrlResolver({ existsSync: () => false, writeFileSync: () => undefined });
  resolver.setUrlAccessPolicy(() => false);
  const regular = path.join(FONT_DIR, 'NotoSans-Regular.ttf');
  const bold = path.join(FONT_DIR, 'NotoSans-Bold.ttf');
  // Noto Sans Math (SIL OFL) for the symbols Noto Sans lacks (≤, ≠, √, ∈, →, the minus sign …)
  const math = path.join(FONT_DIR, 'NotoSansMath-Regular.ttf');
  const fonts = {
    [FONT]: { normal: regular, bold, italics: regular, bolditalics: bold },
    [MATH_FONT]: { normal: math, bold: math, italics: math, bolditalics: math },
  };
  const printer = new Printer(fonts, null, resolver, (p) => path.dirname(path.resolve(p)) === FONT_DIR);
  const pdf = await printer.createPdfKitDocument({
    ...doc,
    defaultStyle: { font: FONT, fontSize: 11, ...(doc.defaultStyle as object | undefined) },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
