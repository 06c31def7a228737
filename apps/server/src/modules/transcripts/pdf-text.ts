import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The text of a PDF as a reader extracts it, for tests: `pdftotext` of Debian's poppler-utils (the embedded Noto
 * Sans subsets carry ToUnicode maps, so the Vietnamese text comes back exactly). Whitespace is collapsed.
 */
export function pdfText(pdf: Buffer): string {
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', '-', '-'], {
    input: pdf,
    maxBuffer: 32 << 20,
  });
  return out.toString('utf8').replace(/\s+/g, ' ');
}

/** `pdfsig` (poppler) on a PDF: an independent verifier of the signatures (it reads files only). */
export function pdfsig(pdf: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'smartedu-pdfsig-'));
  const file = path.join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  try {
    return execFileSync('pdfsig', [file]).toString('utf8');
  } catch (err) {
    return (err as { stdout?: Buffer }).stdout?.toString('utf8') ?? '';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
