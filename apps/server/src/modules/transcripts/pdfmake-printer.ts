import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * pdfmake's layout engine used without its module-level singleton (whose fonts and access policies are shared
 * process-wide): a private Printer with the shipped Noto Sans font, no network and no file access beyond the
 * font directory.
 */

/** A pdfmake document definition node (pdfmake ships no types; the shapes used are in transcript-pdf.ts). */
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

/** Noto Sans (SIL OFL 1.1, see assets/fonts/OFL.txt): covers every Vietnamese letter and tone mark. */
export const FONT_DIR = path.resolve(import.meta.dirname, '../../../assets/fonts');
export const FONT_FAMILY = 'NotoSans';
const regular = path.join(FONT_DIR, 'NotoSans-Regular.ttf');
const bold = path.join(FONT_DIR, 'NotoSans-Bold.ttf');

/** Renders a document definition to PDF bytes (classic cross-reference table, no object streams). */
export async function renderPdf(doc: PdfDocDefinition): Promise<Buffer> {
  const resolver = new UrlResolver({ existsSync: () => false, writeFileSync: () => undefined });
  resolver.setUrlAccessPolicy(() => false);
  const fonts = { [FONT_FAMILY]: { normal: regular, bold, italics: regular, bolditalics: bold } };
  const printer = new Printer(fonts, null, resolver, (p) => path.dirname(path.resolve(p)) === FONT_DIR);
  const pdf = await printer.createPdfKitDocument({
    ...doc,
    defaultStyle: { font: FONT_FAMILY, ...(doc.defaultStyle as object | undefined) },
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}
