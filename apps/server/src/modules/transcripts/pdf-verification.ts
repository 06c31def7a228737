import { createHash } from 'node:crypto';
import { verifyDetachedCms } from './cms';
import { TRANSCRIPT_KEYWORD } from './transcript-pdf';

/**
 * Verifies every signature of a PDF (ISO 32000-1 §12.8): each signature dictionary's /ByteRange must cover
 * the whole of its revision except the /Contents hole, the CMS signature in /Contents must verify over those
 * bytes, the last signature must cover the whole file, and whatever was appended after an earlier signature
 * must be signature additions only (new signature fields, widgets, the AcroForm, the page's /Annots and the
 * catalog's /AcroForm), never a change of content.
 */

export type ModifiedAfter = 'no' | 'signatures_only' | 'yes';

export type SignatureCheck = {
  fieldName: string | null;
  signerName: string | null; // certificate subject CN
  signerOrganization: string | null;
  signerUid: string | null; // Vietnamese CAs put CMND/CCCD/MST here
  issuerName: string | null;
  serialNumber: string | null;
  certificateFingerprint: string | null; // SHA-256 of the signer certificate, hex
  certificateValidFrom: string | null;
  certificateValidTo: string | null;
  signingTime: string | null; // ISO, from /M (or the CMS signing-time attribute)
  reason: string | null;
  location: string | null;
  subFilter: string | null;
  byteRange: [number, number, number, number];
  /** Byte length of the revision this signature signed. */
  revisionLength: number;
  revisionSha256: string;
  coversWholeDocument: boolean;
  modifiedAfter: ModifiedAfter;
  digestMatches: boolean;
  signatureValid: boolean;
  certificateValidAtSigningTime: boolean;
  /** The certificate was issued by a CA certificate embedded in the signature (no trust list is consulted). */
  issuerVerified: boolean;
  valid: boolean;
  errors: string[];
};

export type PdfVerification = {
  sha256: string;
  size: number;
  /** The transcript the file names in its Info keywords (not proof of anything by itself). */
  transcriptId: string | null;
  signatures: SignatureCheck[];
  /** At least one signature, every signature valid, the last one covering the whole file. */
  valid: boolean;
  errors: string[];
};

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
const MAX_SIGNATURES = 20;
const MAX_APPENDED_OBJECTS = 50 * MAX_SIGNATURES;

/** Decodes a PDF literal string body (without the parentheses): escapes, then UTF-16BE or PDFDocEncoding. */
function decodePdfString(raw: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      bytes.push(raw.charCodeAt(i) & 0xff);
      continue;
    }
    const next = raw[++i];
    const map: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in map) bytes.push(map[next]);
    else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(raw[i + 1] ?? '')) oct += raw[++i];
      bytes.push(Number.parseInt(oct, 8) & 0xff);
    } else if (next === '\r' || next === '\n') {
      if (next === '\r' && raw[i + 1] === '\n') i++;
    } else bytes.push(next.charCodeAt(0) & 0xff);
  }
  const buf = Buffer.from(bytes);
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  return buf.toString('latin1');
}

function stringEntry(dict: string, key: string): string | null {
  const m = new RegExp(`/${key}\\s*\\(((?:\\\\[\\s\\S]|[^\\\\)])*)\\)`).exec(dict);
  return m ? decodePdfString(m[1]) : null;
}

/** PDF date (D:YYYYMMDDHHmmSSOHH'mm') → ISO string. */
export function parsePdfDate(value: string | null): string | null {
  if (!value) return null;
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/.exec(value);
  if (!m) return null;
  const utc = Date.UTC(
    Number(m[1]),
    Number(m[2] ?? 1) - 1,
    Number(m[3] ?? 1),
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
  const sign = m[7] === '-' ? -1 : m[7] === '+' ? 1 : 0;
  const offset = sign * (Number(m[8] ?? 0) * 60 + Number(m[9] ?? 0)) * 60_000;
  return new Date(utc - offset).toISOString();
}

const normaliseDict = (s: string) =>
  s
    .replace(/\/Annots\s*\[[^\]]*\]/g, '')
    .replace(/\/AcroForm\s+\d+\s+\d+\s+R/g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*(<<|>>|\[|\]|\/)\s*/g, '$1')
    .trim();

/** The last definition of object `num` that starts before `limit`, as text. */
function previousDefinition(text: string, num: string, limit: number): string | null {
  const re = new RegExp(`(?:^|[\\r\\n])${num}\\s+0\\s+obj\\b([\\s\\S]*?)endobj`, 'g');
  let found: string | null = null;
  for (let m = re.exec(text); m && m.index < limit; m = re.exec(text)) found = m[1];
  return found;
}

/** What was appended after `from`: signature additions only, or a change of content. */
function classifyAppended(text: string, from: number): ModifiedAfter {
  if (from >= text.length) return 'no';
  const appended = text.slice(from);
  const objects = [...appended.matchAll(/(\d+)\s+(\d+)\s+obj\b([\s\S]*?)endobj/g)];
  // A signature adds a handful of objects; hundreds are not a signature (and would cost a scan each).
  if (objects.length > MAX_APPENDED_OBJECTS) return 'yes';
  for (const [, num, , body] of objects) {
    if (/\bstream\b/.test(body)) return 'yes';
    if (/\/Type\s*\/Sig\b/.test(body) && /\/ByteRange/.test(body)) continue;
    if (/\/Subtype\s*\/Widget\b/.test(body) && /\/FT\s*\/Sig\b/.test(body)) continue;
    if (/\/Type\s*\/AcroForm\b/.test(body) || /\/Fields\s*\[/.test(body)) continue;
    if (/\/Type\s*\/(Page|Catalog)\b/.test(body)) {
      const before = previousDefinition(text, num, from);
      if (before !== null && normaliseDict(before) === normaliseDict(body)) continue;
    }
    return 'yes';
  }
  // Anything besides objects, cross-reference sections and trailers is not a signature addition.
  const rest = appended
    .replace(/(\d+)\s+(\d+)\s+obj\b[\s\S]*?endobj/g, '')
    .replace(/xref[\s\S]*?trailer\s*<<[\s\S]*?>>\s*startxref\s*\d+\s*%%EOF/g, '')
    .trim();
  return rest === '' ? 'signatures_only' : 'yes';
}

function fieldNameFor(text: string, sigObjectNumber: string | null): string | null {
  if (!sigObjectNumber) return null;
  const re = new RegExp(`/V\\s+${sigObjectNumber}\\s+0\\s+R`);
  for (const m of text.matchAll(/\d+\s+\d+\s+obj\b([\s\S]*?)endobj/g)) {
    if (re.test(m[1]) && /\/FT\s*\/Sig/.test(m[1])) return stringEntry(m[1], 'T');
  }
  return null;
}

export function verifyPdf(pdf: Buffer): PdfVerification {
  const text = pdf.toString('latin1');
  const keyword = new RegExp(`${TRANSCRIPT_KEYWORD}([0-9a-f-]{36})`).exec(text);
  const result: PdfVerification = {
    sha256: createHash('sha256').update(pdf).digest('hex'),
    size: pdf.length,
    transcriptId: keyword ? keyword[1] : null,
    signatures: [],
    valid: false,
    errors: [],
  };
  if (!text.startsWith('%PDF-')) {
    result.errors.push('NOT_A_PDF');
    return result;
  }
  const matches = [...text.matchAll(BYTE_RANGE)].slice(0, MAX_SIGNATURES + 1);
  if (matches.length > MAX_SIGNATURES) result.errors.push('TOO_MANY_SIGNATURES');
  for (const m of matches.slice(0, MAX_SIGNATURES)) {
    const br = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    const errors: string[] = [];
    const pos = m.index;
    const objStart = text.lastIndexOf(' obj', pos);
    const objEnd = text.indexOf('endobj', pos);
    const dict = text.slice(Math.max(0, objStart), objEnd === -1 ? text.length : objEnd);
    const objNumber = /(\d+)\s+\d+\s*$/.exec(text.slice(Math.max(0, objStart - 24), objStart))?.[1] ?? null;
    const revisionLength = br[2] + br[3];
    const check: SignatureCheck = {
      fieldName: fieldNameFor(text, objNumber),
      signerName: null,
      signerOrganization: null,
      signerUid: null,
      issuerName: null,
      serialNumber: null,
      certificateFingerprint: null,
      certificateValidFrom: null,
      certificateValidTo: null,
      signingTime: parsePdfDate(stringEntry(dict, 'M')),
      reason: stringEntry(dict, 'Reason'),
      location: stringEntry(dict, 'Location'),
      subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dict)?.[1] ?? null,
      byteRange: br,
      revisionLength,
      revisionSha256: '',
      coversWholeDocument: revisionLength === pdf.length,
      modifiedAfter: 'no',
      digestMatches: false,
      signatureValid: false,
      certificateValidAtSigningTime: false,
      issuerVerified: false,
      valid: false,
      errors,
    };
    result.signatures.push(check);
    // The ByteRange must be two ranges around the /Contents hex string of this very dictionary.
    const hole = text.slice(br[1], br[2]);
    const sane =
      br[0] === 0 &&
      br[1] > objStart &&
      br[1] < br[2] &&
      br[2] < objEnd &&
      revisionLength <= pdf.length &&
      (pos < br[1] || pos >= br[2]) &&
      pos < revisionLength &&
      /\/Contents\s*$/.test(text.slice(Math.max(0, br[1] - 40), br[1])) &&
      /^<[0-9A-Fa-f]*>$/.test(hole);
    if (!sane) {
      errors.push('BYTE_RANGE_INVALID');
      continue;
    }
    try {
      verifySignature(pdf, text, check, hole);
    } catch {
      errors.push('VERIFICATION_FAILED');
      check.valid = false;
    }
  }
  if (result.signatures.length === 0) result.errors.push('NO_SIGNATURE');
  const last = result.signatures.reduce<SignatureCheck | null>(
    (a, s) => (a === null || s.revisionLength > a.revisionLength ? s : a),
    null,
  );
  if (last && !last.coversWholeDocument) result.errors.push('NOT_COVERED_BY_LAST_SIGNATURE');
  result.valid =
    result.errors.length === 0 && result.signatures.length > 0 && result.signatures.every((s) => s.valid);
  return result;
}

/** The cryptographic checks of one signature whose ByteRange is well formed; fills `check`. */
function verifySignature(pdf: Buffer, text: string, check: SignatureCheck, hole: string) {
  const { byteRange: br, revisionLength, errors } = check;
  const signed = Buffer.concat([pdf.subarray(0, br[1]), pdf.subarray(br[2], revisionLength)]);
  check.revisionSha256 = createHash('sha256').update(pdf.subarray(0, revisionLength)).digest('hex');
  const cms = Buffer.from(hole.slice(1, -1), 'hex');
  const outcome = verifyDetachedCms(cms, signed);
  errors.push(...outcome.errors);
  check.digestMatches = outcome.digestMatches;
  check.signatureValid = outcome.signatureValid;
  check.issuerVerified = outcome.issuerVerified;
  if (!check.signingTime && outcome.signingTime) check.signingTime = outcome.signingTime.toISOString();
  const signer = outcome.signer;
  if (signer) {
    check.signerName = signer.subject.CN ?? null;
    check.signerOrganization = signer.subject.O ?? null;
    check.signerUid = signer.subject.UID ?? null;
    check.issuerName = signer.issuer.CN ?? signer.issuer.O ?? null;
    check.serialNumber = signer.serialHex;
    check.certificateFingerprint = signer.fingerprintSha256;
    check.certificateValidFrom = signer.notBefore.toISOString();
    check.certificateValidTo = signer.notAfter.toISOString();
    const at = check.signingTime ? new Date(check.signingTime) : null;
    check.certificateValidAtSigningTime = Boolean(at && at >= signer.notBefore && at <= signer.notAfter);
    if (!check.certificateValidAtSigningTime) errors.push('CERTIFICATE_NOT_VALID_AT_SIGNING_TIME');
  }
  check.modifiedAfter = classifyAppended(text, revisionLength);
  if (check.modifiedAfter === 'yes') errors.push('MODIFIED_AFTER_SIGNING');
  check.valid =
    errors.length === 0 &&
    check.digestMatches &&
    check.signatureValid &&
    check.certificateValidAtSigningTime &&
    check.modifiedAfter !== 'yes';
}
