import { sanitizeMarkup } from '@smartedu/domain';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../errors';
import { readDocx } from './docx-reader';
import { buildDocx, type WBlock } from './docx-writer';
import { ommlToLatex } from './omml';
import { exportQtiPackage } from './qti-export';
import { importQtiPackage, readQtiItem } from './qti-import';
import { parseXml } from './xml';

/** A reader either returns a result or throws an AppError with one of its codes: nothing else. */
function expectCleanFailure(fn: () => unknown, prefix: string) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code.startsWith(prefix)).toBe(true);
    expect((err as AppError).status).toBe(400);
  }
}

const xmlText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '<a>',
    '</b>',
    '<!DOCTYPE x>',
    '&amp;',
    '&#7871;',
    '<w:t>',
    '<qti-value>A</qti-value>',
    '<![CDATA[x]]>',
  ),
);

describe('file readers never fail in an unexpected way', () => {
  it('property: readDocx on arbitrary bytes and arbitrary zips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        expectCleanFailure(() => readDocx(bytes), 'DOCX_'),
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(xmlText, { maxLength: 12 }), fc.boolean(), (parts, wrap) => {
        const body = parts.join('');
        const xml = wrap ? `<w:document><w:body>${body}</w:body></w:document>` : body;
        expectCleanFailure(() => readDocx(zipSync({ 'word/document.xml': strToU8(xml) })), 'DOCX_');
      }),
      { numRuns: 300 },
    );
  });

  it('property: readDocx reads any document the writer produces', () => {
    const run = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.record({
        text: fc.string({ maxLength: 20 }),
        underline: fc.boolean(),
        bold: fc.boolean(),
        italic: fc.boolean(),
        color: fc.constantFrom('FF0000', '000000'),
      }),
    );
    const block: fc.Arbitrary<WBlock> = fc.oneof(
      fc.array(run, { maxLength: 4 }),
      fc
        .array(fc.array(fc.array(run, { maxLength: 2 }), { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 3,
        })
        .map((table) => ({ table })),
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 20 }), (blocks) => {
        const doc = readDocx(buildDocx(blocks));
        expect(Array.isArray(doc.blocks)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('property: importQtiPackage on arbitrary bytes, manifests and items', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) =>
        expectCleanFailure(() => importQtiPackage(bytes), 'QTI_'),
      ),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(fc.array(xmlText, { maxLength: 8 }), fc.array(xmlText, { maxLength: 10 }), (m, item) => {
        const manifest = `<manifest><resources><resource identifier="r" type="imsqti_item_xmlv3p0" href="q.xml"/>${m.join('')}</resources></manifest>`;
        expectCleanFailure(
          () =>
            importQtiPackage(
              zipSync({ 'imsmanifest.xml': strToU8(manifest), 'q.xml': strToU8(item.join('')) }),
            ),
          'QTI_',
        );
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(xmlText, { maxLength: 10 }), (parts) => {
        const r = readQtiItem(
          `<qti-assessment-item><qti-item-body>${parts.join('')}</qti-item-body></qti-assessment-item>`,
          1,
        );
        expect(Array.isArray(r.issues)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an exported package always imports without errors', () => {
    const zip = exportQtiPackage(
      [
        {
          id: '1',
          externalId: null,
          subjectCode: 'THCS_TOAN',
          grade: 6,
          topic: 'Số & phép tính <1>',
          level: 'VDC',
          points: 0.25,
          explanation: 'a < b & c > d',
          body: {
            type: 'single',
            content: {
              stem: 'x < 2 & "y" > 3?',
              options: [
                { id: 'A', text: 'a < b' },
                { id: 'B', text: 'AT&T' },
              ],
            },
            key: { optionId: 'B' },
          },
        },
      ],
      new Map(),
      '3.0',
    );
    const r = importQtiPackage(zip);
    expect(r.issues).toEqual([]);
    expect(r.questions[0]).toMatchObject({
      topic: 'Số & phép tính <1>',
      level: 'VDC',
      subject: 'THCS_TOAN',
      grade: 6,
      explanation: 'a < b & c > d',
    });
    expect(r.questions[0].body.content).toMatchObject({
      stem: 'x < 2 & "y" > 3?',
      options: [
        { id: 'A', text: 'a < b' },
        { id: 'B', text: 'AT&T' },
      ],
    });
  });

  it('property: any stored (sanitised) text survives a QTI round trip', () => {
    const text = fc
      .array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('\\(x^2\\)', '\n', '  ', 'Đúng', '&', '<', '>', '"', "'", '\t', '$5'),
        ),
        { maxLength: 8 },
      )
      .map((p) => sanitizeMarkup(p.join('')))
      .filter((t) => t.length > 0);
    fc.assert(
      fc.property(text, text, fc.constantFrom('3.0' as const, '2.1' as const), (stem, option, version) => {
        const zip = exportQtiPackage(
          [
            {
              id: '1',
              externalId: null,
              subjectCode: 'THCS_TOAN',
              grade: 6,
              topic: 'T',
              level: 'NB',
              points: 1,
              explanation: null,
              body: {
                type: 'single',
                content: {
                  stem,
                  options: [
                    { id: 'A', text: option },
                    { id: 'B', text: 'x' },
                  ],
                },
                key: { optionId: 'A' },
              },
            },
          ],
          new Map(),
          version,
        );
        const back = importQtiPackage(zip).questions[0].body;
        expect(back.content.stem).toBe(stem);
        expect(back.type === 'single' && back.content.options[0].text).toBe(option);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Word equations', () => {
  const omml = (inner: string) => ommlToLatex(parseXml(`<m:oMath xmlns:m="m">${inner}</m:oMath>`)[0]);
  const r = (t: string) => `<m:r><m:t>${t}</m:t></m:r>`;
  it('converts fractions, powers, indices, radicals, brackets and sums', () => {
    expect(omml(`<m:f><m:num>${r('a+1')}</m:num><m:den>${r('2')}</m:den></m:f>`).latex).toBe(
      '\\frac{a+1}{2}',
    );
    expect(omml(`<m:sSup><m:e>${r('x')}</m:e><m:sup>${r('2')}</m:sup></m:sSup>${r('−1')}`).latex).toBe(
      '{x}^{2}-1',
    );
    expect(omml(`<m:sSub><m:e>${r('a')}</m:e><m:sub>${r('n')}</m:sub></m:sSub>`).latex).toBe('{a}_{n}');
    expect(
      omml(`<m:rad><m:radPr><m:degHide m:val="1"/></m:radPr><m:deg/><m:e>${r('2')}</m:e></m:rad>`).latex,
    ).toBe('\\sqrt{2}');
    expect(omml(`<m:rad><m:deg>${r('3')}</m:deg><m:e>${r('8')}</m:e></m:rad>`).latex).toBe('\\sqrt[3]{8}');
    expect(omml(`<m:d><m:e>${r('x≤1')}</m:e></m:d>`).latex).toBe('\\left(x\\le 1\\right)');
    expect(
      omml(
        `<m:nary><m:naryPr><m:chr m:val="∑"/></m:naryPr><m:sub>${r('i=1')}</m:sub><m:sup>${r('n')}</m:sup><m:e>${r('i')}</m:e></m:nary>`,
      ).latex,
    ).toBe('\\sum_{i=1}^{n}{i}');
  });
  it('reports constructs it cannot convert and keeps their text', () => {
    const c = omml(`<m:weird>${r('z')}</m:weird>`);
    expect(c).toEqual({ latex: 'z', unsupported: ['m:weird'] });
  });
});
