import { beforeAll, describe, expect, it } from 'vitest';
import { P12Error, readP12, signPdf } from './pdf-signing';
import { pdfsig, pdfText } from './pdf-text';
import { verifyPdf } from './pdf-verification';
import { createTestCa, issueTestP12, type TestCa } from './test-certificates';
import { secondaryFixture } from './transcript-fixtures';
import { renderTranscriptPdf } from './transcript-pdf';

/**
 * PAdES signing as two incremental updates (homeroom teacher, then principal) and the verifier: both
 * signatures verify, the first keeps covering exactly its revision, and any changed byte is detected.
 */
let ca: TestCa;
let unsigned: Buffer;
let homeroomSigned: Buffer;
let bothSigned: Buffer;
const meta = (name: string, at: Date) => ({
  reason: 'Ký học bạ',
  name,
  location: 'Lai Châu',
  contactInfo: '',
  signingTime: at,
});

beforeAll(async () => {
  ca = createTestCa('SmartEdu Test CA');
  const homeroom = readP12(
    issueTestP12(ca, { commonName: 'Nguyễn Thị Thuỷ', password: 'gvcn-2025' }),
    'gvcn-2025',
  );
  const principal = readP12(issueTestP12(ca, { commonName: 'Trần Văn Đức', password: 'ht-2025' }), 'ht-2025');
  const data = secondaryFixture();
  unsigned = await renderTranscriptPdf(data, {
    verifyUrl: `http://localhost:3000/verify/${data.transcriptId}`,
    draft: false,
    confirmations: [],
    issuedOn: new Date(),
  });
  homeroomSigned = await signPdf(unsigned, homeroom, meta('Nguyễn Thị Thuỷ', new Date(Date.now() - 60_000)));
  bothSigned = await signPdf(homeroomSigned, principal, meta('Trần Văn Đức', new Date()));
});

describe('PDF signatures (PAdES, incremental)', () => {
  it('appends each signature after the previous revision without touching a byte of it', () => {
    expect(homeroomSigned.subarray(0, unsigned.length).equals(unsigned)).toBe(true);
    expect(bothSigned.subarray(0, homeroomSigned.length).equals(homeroomSigned)).toBe(true);
    const text = bothSigned.toString('latin1');
    expect(text.slice(homeroomSigned.length)).toMatch(/xref[\s\S]*trailer[\s\S]*\/Prev \d+[\s\S]*%%EOF$/);
  });

  it('verifies both signatures, names the signers and keeps the first ByteRange on its revision', () => {
    const report = verifyPdf(bothSigned);
    expect(report.valid).toBe(true);
    expect(report.errors).toEqual([]);
    expect(report.transcriptId).toBe(secondaryFixture().transcriptId);
    const [first, second] = report.signatures;
    expect(first).toMatchObject({
      signerName: 'Nguyễn Thị Thuỷ',
      issuerName: 'SmartEdu Test CA',
      subFilter: 'ETSI.CAdES.detached',
      revisionLength: homeroomSigned.length,
      coversWholeDocument: false,
      modifiedAfter: 'signatures_only',
      digestMatches: true,
      signatureValid: true,
      certificateValidAtSigningTime: true,
      issuerVerified: true,
      valid: true,
    });
    expect(first.byteRange[2] + first.byteRange[3]).toBe(homeroomSigned.length);
    expect(verifyPdf(homeroomSigned).signatures[0].byteRange).toEqual(first.byteRange);
    expect(second).toMatchObject({
      signerName: 'Trần Văn Đức',
      coversWholeDocument: true,
      modifiedAfter: 'no',
      valid: true,
    });
    expect(second.byteRange[2] + second.byteRange[3]).toBe(bothSigned.length);
    expect(new Date(second.signingTime!).getTime()).toBeGreaterThan(new Date(first.signingTime!).getTime());
  });

  it('is accepted by an independent verifier (poppler pdfsig)', () => {
    const out = pdfsig(bothSigned);
    expect(out).toContain('Signer Certificate Common Name: Nguyễn Thị Thuỷ');
    expect(out).toContain('Signer Certificate Common Name: Trần Văn Đức');
    expect(out.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(out).toContain('Total document signed');
  });

  it('keeps the text readable: the student, subjects and averages', () => {
    const text = pdfText(bothSigned);
    expect(text).toContain('Lò Thị Hương');
    expect(text).toMatch(/Toán\s+8,4\s+8,9\s+8,7/);
    expect(text).toContain('Khoa học tự nhiên');
  });

  it('rejects the file after any single byte is changed', () => {
    const text = bothSigned.toString('latin1');
    const [first, second] = verifyPdf(bothSigned).signatures;
    const positions = {
      header: 3,
      'page content': Math.floor(unsigned.length / 3),
      'info dictionary': text.indexOf('smartedu-transcript:') + 25,
      'first signature value': first.byteRange[1] + 41,
      'first revision trailer': homeroomSigned.length - 3,
      'second signature dictionary': text.lastIndexOf('/Reason'),
      'second signature value': second.byteRange[1] + 101,
      'last byte': bothSigned.length - 1,
    };
    for (const [where, at] of Object.entries(positions)) {
      const tampered = Buffer.from(bothSigned);
      tampered[at] = tampered[at] === 0x30 ? 0x31 : 0x30;
      const report = verifyPdf(tampered);
      expect(report.valid, where).toBe(false);
    }
  });

  it('rejects every sampled single-byte change, inside the signed ranges and inside the signatures', () => {
    const [first, second] = verifyPdf(bothSigned).signatures;
    const positions = new Set<number>();
    for (let at = 0; at < bothSigned.length; at += Math.ceil(bothSigned.length / 250)) positions.add(at);
    for (const sig of [first, second]) {
      const holeStart = sig.byteRange[1] + 1;
      const holeEnd = sig.byteRange[2] - 1;
      for (let at = holeStart; at < holeEnd; at += 17) positions.add(at); // CMS and its zero padding
    }
    const accepted: number[] = [];
    for (const at of positions) {
      const tampered = Buffer.from(bothSigned);
      const inHole = [first, second].some((s) => at > s.byteRange[1] && at < s.byteRange[2] - 1);
      // Inside a hex string change the digit's value (a case change would encode the same byte).
      tampered[at] = inHole ? (tampered[at] === 0x30 ? 0x31 : 0x30) : tampered[at] ^ 0x01;
      if (verifyPdf(tampered).valid) accepted.push(at);
    }
    expect(positions.size).toBeGreaterThan(700);
    expect(accepted).toEqual([]);
  });

  it('rejects content appended after the last signature and reports it', () => {
    const appended = Buffer.concat([
      bothSigned,
      Buffer.from(
        '\n99 0 obj\n<< /Type /Page /Contents 5 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 100 >>\nstartxref\n1\n%%EOF',
      ),
    ]);
    const report = verifyPdf(appended);
    expect(report.valid).toBe(false);
    expect(report.errors).toContain('NOT_COVERED_BY_LAST_SIGNATURE');
    expect(report.signatures.map((s) => s.modifiedAfter)).toEqual(['yes', 'yes']);
  });

  it('reports an unsigned PDF as such', () => {
    const report = verifyPdf(unsigned);
    expect(report).toMatchObject({ valid: false, signatures: [], errors: ['NO_SIGNATURE'] });
  });

  it('refuses a wrong password and flags a certificate used outside its validity', async () => {
    const p12 = issueTestP12(ca, { commonName: 'Lò Văn Thử', password: 'dung' });
    expect(() => readP12(p12, 'sai')).toThrow(P12Error);
    try {
      readP12(p12, 'sai');
    } catch (err) {
      expect((err as P12Error).code).toBe('P12_PASSWORD');
    }
    const expired = readP12(
      issueTestP12(ca, {
        commonName: 'Lò Văn Thử',
        password: 'x',
        notBefore: new Date('2020-01-01'),
        notAfter: new Date('2021-01-01'),
      }),
      'x',
    );
    const report = verifyPdf(await signPdf(unsigned, expired, meta('Lò Văn Thử', new Date())));
    expect(report.valid).toBe(false);
    expect(report.signatures[0].errors).toContain('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
  });
});
