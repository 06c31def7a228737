/**
 * A minimal DER/BER reader: tag-length-value nodes with their byte offsets, so that the signed attributes of a
 * CMS signature can be hashed exactly as they were encoded (re-encoding could differ from what was signed).
 * Accepts BER indefinite lengths in constructed nodes (some signers emit them for the outer ContentInfo).
 */
export type Tlv = {
  /** The identifier octet: class (2 bits), constructed (1 bit), tag number (5 bits); high tag numbers unsupported. */
  tag: number;
  constructed: boolean;
  start: number;
  contentStart: number;
  /** End of the content (exclusive); for an indefinite length, before the end-of-contents octets. */
  contentEnd: number;
  /** End of the whole node (exclusive). */
  end: number;
};

export class DerError extends Error {}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  T61_STRING: 0x14,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  BMP_STRING: 0x1e,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;
/** Context-specific [n] tags. */
export const ctx = (n: number, constructed = true) => 0x80 | (constructed ? 0x20 : 0) | n;

export function readTlv(buf: Uint8Array, offset: number, limit = buf.length): Tlv {
  if (offset + 2 > limit) throw new DerError('truncated');
  const tag = buf[offset];
  if (tag === 0) throw new DerError('unexpected end-of-contents');
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not supported');
  const constructed = (tag & 0x20) !== 0;
  let pos = offset + 1;
  const first = buf[pos++];
  if (first === 0x80) {
    if (!constructed) throw new DerError('indefinite length on a primitive node');
    let p = pos;
    while (true) {
      if (p + 2 > limit) throw new DerError('unterminated indefinite length');
      if (buf[p] === 0 && buf[p + 1] === 0) break;
      p = readTlv(buf, p, limit).end;
    }
    return { tag, constructed, start: offset, contentStart: pos, contentEnd: p, end: p + 2 };
  }
  let length = first;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n > 4) throw new DerError('length too large');
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > limit) throw new DerError('truncated');
  return { tag, constructed, start: offset, contentStart: pos, contentEnd: end, end };
}

export function childrenOf(buf: Uint8Array, node: Tlv): Tlv[] {
  if (!node.constructed) throw new DerError('not a constructed node');
  const out: Tlv[] = [];
  let p = node.contentStart;
  while (p < node.contentEnd) {
    const child = readTlv(buf, p, node.contentEnd);
    out.push(child);
    p = child.end;
  }
  return out;
}

/** The node's children after checking its tag (and, when given, how many there are). */
export function expectChildren(
  buf: Uint8Array,
  node: Tlv,
  tag: number,
  what: string,
  count?: { min: number; max: number },
): Tlv[] {
  if (node.tag !== tag) throw new DerError(`${what}: unexpected tag 0x${node.tag.toString(16)}`);
  const children = childrenOf(buf, node);
  if (count && (children.length < count.min || children.length > count.max))
    throw new DerError(`${what}: ${children.length} elements`);
  return children;
}

export const contentOf = (buf: Buffer, node: Tlv) => buf.subarray(node.contentStart, node.contentEnd);
export const bytesOf = (buf: Buffer, node: Tlv) => buf.subarray(node.start, node.end);

export function decodeOid(bytes: Uint8Array): string {
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if ((bytes[i] & 0x80) === 0) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

export function decodeString(buf: Buffer, node: Tlv): string {
  const content = contentOf(buf, node);
  if (node.tag === TAG.BMP_STRING) return Buffer.from(content).swap16().toString('utf16le');
  if (node.tag === TAG.UTF8_STRING) return content.toString('utf8');
  return content.toString('latin1');
}

/** UTCTime / GeneralizedTime in UTC ('Z') form, as used in certificates and CMS. */
export function decodeTime(buf: Buffer, node: Tlv): Date | null {
  const s = contentOf(buf, node).toString('latin1');
  const m =
    node.tag === TAG.UTC_TIME
      ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s)
      : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) return null;
  let year = Number(m[1]);
  if (node.tag === TAG.UTC_TIME) year += year < 50 ? 2000 : 1900;
  return new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)),
  );
}
