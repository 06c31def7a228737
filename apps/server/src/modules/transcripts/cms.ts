import {
  createHash,
  sign as cryptoSign,
  verify as cryptoVerify,
  type KeyObject,
  X509Certificate,
} from 'node:crypto';
import {
  bytesOf,
  childrenOf,
  contentOf,
  ctx,
  DerError,
  decodeOid,
  decodeString,
  decodeTime,
  expectChildren,
  readTlv,
  TAG,
  type Tlv,
} from './der';

/**
 * CMS (PKCS#7) detached signatures for PDF: creation in the CAdES form PAdES baseline B-B asks for
 * (content-type, message-digest and ESS signing-certificate-v2 signed attributes; no signing-time attribute,
 * the signature dictionary's /M carries the time) and verification of any adbe.pkcs7.detached or
 * ETSI.CAdES.detached signature with RSA or ECDSA keys.
 */

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaSha256: '1.2.840.10045.4.3.2',
  ecdsaSha384: '1.2.840.10045.4.3.3',
  ecdsaSha512: '1.2.840.10045.4.3.4',
} as const;

const DIGESTS: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};
/** Signature algorithms and the digest they imply (null: the signer info's digest algorithm). */
const SIGNATURE_ALGORITHMS: Record<string, string | null> = {
  [OID.rsaEncryption]: null,
  [OID.ecPublicKey]: null,
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaSha256]: 'sha256',
  [OID.ecdsaSha384]: 'sha384',
  [OID.ecdsaSha512]: 'sha512',
};

// ---- DER encoding (only what the signature needs)

function encodeLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag: number, ...parts: Buffer[]) => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body]);
};
function encodeOid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out: number[] = [parts[0] * 40 + parts[1]];
  for (const p of parts.slice(2)) {
    const chunk: number[] = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return der(TAG.OID, Buffer.from(out));
}
const derInt = (n: number) => der(TAG.INTEGER, Buffer.from([n]));
const algorithm = (oid: string, withNull = true) =>
  der(TAG.SEQUENCE, encodeOid(oid), ...(withNull ? [Buffer.from([TAG.NULL, 0])] : []));
const attribute = (oid: string, value: Buffer) => der(TAG.SEQUENCE, encodeOid(oid), der(TAG.SET, value));

// ---- certificates

export type NameParts = Record<string, string>;
const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '1.2.840.113549.1.9.1': 'E',
  '0.9.2342.19200300.100.1.1': 'UID',
};

function decodeName(buf: Buffer, name: Tlv): NameParts {
  const out: NameParts = {};
  for (const rdn of expectChildren(buf, name, TAG.SEQUENCE, 'Name')) {
    for (const atv of expectChildren(buf, rdn, TAG.SET, 'RDN')) {
      const [type, value] = expectChildren(buf, atv, TAG.SEQUENCE, 'AttributeTypeAndValue');
      const key = NAME_KEYS[decodeOid(contentOf(buf, type))] ?? decodeOid(contentOf(buf, type));
      const text = decodeString(buf, value);
      out[key] = out[key] ? `${out[key]}, ${text}` : text;
    }
  }
  return out;
}

export type CertificateInfo = {
  der: Buffer;
  subject: NameParts;
  issuer: NameParts;
  /** DER of the issuer Name and of the serial number INTEGER, to match a signer identifier. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  serialDer: Buffer;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string; // hex, lower case
  subjectKeyId: Buffer | null;
  x509: X509Certificate;
};

const SUBJECT_KEY_IDENTIFIER = '2.5.29.14';
function subjectKeyIdOf(certDer: Buffer, tbsFields: Tlv[]): Buffer | null {
  const extensions = tbsFields.find((f) => f.tag === ctx(3));
  if (!extensions) return null;
  const [list] = childrenOf(certDer, extensions);
  for (const ext of childrenOf(certDer, list)) {
    const parts = childrenOf(certDer, ext);
    if (decodeOid(contentOf(certDer, parts[0])) !== SUBJECT_KEY_IDENTIFIER) continue;
    const value = contentOf(certDer, parts[parts.length - 1]);
    return Buffer.from(contentOf(value, readTlv(value, 0)));
  }
  return null;
}

export function describeCertificate(certDer: Buffer): CertificateInfo {
  const cert = readTlv(certDer, 0);
  const [tbs] = expectChildren(certDer, cert, TAG.SEQUENCE, 'Certificate');
  let fields = expectChildren(certDer, tbs, TAG.SEQUENCE, 'TBSCertificate');
  if (fields[0].tag === ctx(0)) fields = fields.slice(1); // version
  const [serial, , issuer, validity, subject] = fields;
  const [nb, na] = childrenOf(certDer, validity);
  const x509 = new X509Certificate(certDer);
  const notBefore = decodeTime(certDer, nb) ?? new Date(x509.validFrom);
  const notAfter = decodeTime(certDer, na) ?? new Date(x509.validTo);
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()))
    throw new DerError('bad validity');
  return {
    der: certDer,
    subject: decodeName(certDer, subject),
    issuer: decodeName(certDer, issuer),
    issuerDer: Buffer.from(bytesOf(certDer, issuer)),
    subjectDer: Buffer.from(bytesOf(certDer, subject)),
    serialDer: Buffer.from(bytesOf(certDer, serial)),
    serialHex: contentOf(certDer, serial).toString('hex'),
    notBefore,
    notAfter,
    fingerprintSha256: createHash('sha256').update(certDer).digest('hex'),
    subjectKeyId: subjectKeyIdOf(certDer, fields),
    x509,
  };
}

// ---- signing

export type SigningIdentity = {
  privateKey: KeyObject;
  certificate: CertificateInfo;
  /** Further certificates of the chain (intermediate and root), embedded for verifiers. */
  chain: CertificateInfo[];
};

/** A CAdES-BES detached signature over `content` (the PDF's signed byte ranges, concatenated). */
export function createCadesSignature(identity: SigningIdentity, content: Buffer): Buffer {
  const keyType = identity.privateKey.asymmetricKeyType;
  if (keyType !== 'rsa' && keyType !== 'ec') throw new Error(`unsupported key type ${keyType}`);
  const digest = createHash('sha256').update(content).digest();
  const cert = identity.certificate;
  // ESS signing-certificate-v2 names the signer's certificate first and then the rest of the embedded chain
  // (RFC 5035 allows it), so that every embedded certificate is covered by the signature.
  const essCertIdV2 = (c: CertificateInfo) =>
    der(
      TAG.SEQUENCE,
      // hashAlgorithm omitted: DEFAULT sha256
      der(TAG.OCTET_STRING, createHash('sha256').update(c.der).digest()),
      der(TAG.SEQUENCE, der(TAG.SEQUENCE, der(ctx(4), c.issuerDer)), c.serialDer),
    );
  const attrs = [
    attribute(OID.contentType, encodeOid(OID.data)),
    attribute(OID.messageDigest, der(TAG.OCTET_STRING, digest)),
    attribute(
      OID.signingCertificateV2,
      der(TAG.SEQUENCE, der(TAG.SEQUENCE, ...[cert, ...identity.chain].map(essCertIdV2))),
    ),
  ].sort(Buffer.compare); // DER: SET OF in ascending order of the encodings
  const signedAttrsForSigning = der(TAG.SET, ...attrs);
  const signature = cryptoSign('sha256', signedAttrsForSigning, identity.privateKey);
  const signerInfo = der(
    TAG.SEQUENCE,
    derInt(1),
    der(TAG.SEQUENCE, cert.issuerDer, cert.serialDer),
    algorithm(OID.sha256),
    der(ctx(0), ...attrs),
    keyType === 'rsa' ? algorithm(OID.sha256WithRSA) : algorithm(OID.ecdsaSha256, false),
    der(TAG.OCTET_STRING, signature),
  );
  const signedData = der(
    TAG.SEQUENCE,
    derInt(1),
    der(TAG.SET, algorithm(OID.sha256)),
    der(TAG.SEQUENCE, encodeOid(OID.data)),
    der(ctx(0), cert.der, ...identity.chain.map((c) => c.der)),
    der(TAG.SET, signerInfo),
  );
  return der(TAG.SEQUENCE, encodeOid(OID.signedData), der(ctx(0), signedData));
}

// ---- verification

export type CmsVerification = {
  /** The signer's certificate, when it could be found in the signature. */
  signer: CertificateInfo | null;
  certificates: CertificateInfo[];
  digestAlgorithm: string | null;
  /** The message-digest attribute equals the digest of the signed content. */
  digestMatches: boolean;
  /** The signature value verifies with the signer certificate's public key. */
  signatureValid: boolean;
  /** ESS signing-certificate(-v2) attribute present and naming the signer certificate (null: absent). */
  signingCertificateMatches: boolean | null;
  /** The signer certificate's signature verifies with an issuer certificate embedded in the signature. */
  issuerVerified: boolean;
  /** signing-time attribute (CAdES/PAdES prefer /M; older signers put it here). */
  signingTime: Date | null;
  errors: string[];
};

function findSigner(certs: CertificateInfo[], buf: Buffer, sid: Tlv): CertificateInfo | null {
  if (sid.tag === TAG.SEQUENCE) {
    const [issuer, serial] = childrenOf(buf, sid);
    const issuerDer = bytesOf(buf, issuer);
    const serialDer = bytesOf(buf, serial);
    return certs.find((c) => c.issuerDer.equals(issuerDer) && c.serialDer.equals(serialDer)) ?? null;
  }
  if (sid.tag === ctx(0, false)) {
    const ski = contentOf(buf, sid);
    return certs.find((c) => c.subjectKeyId?.equals(ski)) ?? null;
  }
  return null;
}

function oidOf(buf: Buffer, node: Tlv): string {
  if (node.tag !== TAG.OID) throw new DerError('expected an OBJECT IDENTIFIER');
  return decodeOid(contentOf(buf, node));
}
function octetsOf(buf: Buffer, node: Tlv, what: string): Buffer {
  if (node.tag !== TAG.OCTET_STRING) throw new DerError(`${what}: expected an OCTET STRING`);
  return Buffer.from(contentOf(buf, node));
}
/** AlgorithmIdentifier: SEQUENCE { OID, NULL? } (the algorithms supported here take no other parameters). */
function algorithmOf(buf: Buffer, node: Tlv, what: string): string {
  const parts = expectChildren(buf, node, TAG.SEQUENCE, what, { min: 1, max: 2 });
  if (parts[1] && (parts[1].tag !== TAG.NULL || parts[1].contentEnd !== parts[1].contentStart))
    throw new DerError(`${what}: unsupported parameters`);
  return oidOf(buf, parts[0]);
}
function intOf(buf: Buffer, node: Tlv): number {
  if (node.tag !== TAG.INTEGER) throw new DerError('expected an INTEGER');
  return contentOf(buf, node).reduce((n, b) => n * 256 + b, 0);
}

/** Verifies a detached CMS signature over `content`. Never throws: problems are listed in `errors`. */
export function verifyDetachedCms(cms: Buffer, content: Buffer): CmsVerification {
  const result: CmsVerification = {
    signer: null,
    certificates: [],
    digestAlgorithm: null,
    digestMatches: false,
    signatureValid: false,
    signingCertificateMatches: null,
    issuerVerified: false,
    signingTime: null,
    errors: [],
  };
  try {
    const contentInfo = readTlv(cms, 0);
    // /Contents is zero-padded after the DER: anything else there is not part of a signature.
    if (cms.subarray(contentInfo.end).some((b) => b !== 0)) result.errors.push('CONTENTS_TRAILING_DATA');
    const [type, wrapped] = expectChildren(cms, contentInfo, TAG.SEQUENCE, 'ContentInfo', { min: 2, max: 2 });
    if (oidOf(cms, type) !== OID.signedData) throw new DerError('not a SignedData');
    const [signedData] = expectChildren(cms, wrapped, ctx(0), 'SignedData wrapper', { min: 1, max: 1 });
    const parts = expectChildren(cms, signedData, TAG.SEQUENCE, 'SignedData', { min: 4, max: 6 });
    const [sdVersion, digestAlgorithms, encap] = parts;
    const optional = parts.slice(3, -1);
    if (optional.some((p) => p.tag !== ctx(0) && p.tag !== ctx(1)))
      throw new DerError('SignedData: unexpected element');
    const certsNode = optional.find((p) => p.tag === ctx(0));
    const signerInfos = parts[parts.length - 1];
    const sdv = intOf(cms, sdVersion);
    if (![1, 3, 4, 5].includes(sdv)) result.errors.push('CMS_VERSION');
    const encapParts = expectChildren(cms, encap, TAG.SEQUENCE, 'EncapsulatedContentInfo', {
      min: 1,
      max: 2,
    });
    const eContentType = oidOf(cms, encapParts[0]);
    if (encapParts.length > 1) result.errors.push('CMS_NOT_DETACHED');
    const digestSet = expectChildren(cms, digestAlgorithms, TAG.SET, 'DigestAlgorithms').map((a) =>
      algorithmOf(cms, a, 'DigestAlgorithm'),
    );
    if (certsNode) {
      for (const c of childrenOf(cms, certsNode)) {
        try {
          if (c.tag !== TAG.SEQUENCE) throw new DerError('not a certificate');
          result.certificates.push(describeCertificate(Buffer.from(bytesOf(cms, c))));
        } catch {
          result.errors.push('CERTIFICATE_UNREADABLE');
        }
      }
    }
    const infos = expectChildren(cms, signerInfos, TAG.SET, 'SignerInfos');
    if (infos.length !== 1) result.errors.push('SIGNER_COUNT');
    const fields = expectChildren(cms, infos[0], TAG.SEQUENCE, 'SignerInfo', { min: 5, max: 7 });
    const [siVersion, sid, digestAlg] = fields;
    const siv = intOf(cms, siVersion);
    if (!((siv === 1 && sid.tag === TAG.SEQUENCE) || (siv === 3 && sid.tag === ctx(0, false))))
      result.errors.push('CMS_VERSION');
    if (sdv === 1 && siv !== 1) result.errors.push('CMS_VERSION');
    let i = 3;
    const signedAttrs = fields[i].tag === ctx(0) ? fields[i++] : null;
    const sigAlg = fields[i++];
    const sigValue = fields[i++];
    if (fields[i] && fields[i].tag !== ctx(1)) throw new DerError('SignerInfo: unexpected element');
    const digestOid = algorithmOf(cms, digestAlg, 'DigestAlgorithm');
    const digestName = DIGESTS[digestOid];
    if (!digestName) {
      result.errors.push('DIGEST_ALGORITHM_UNSUPPORTED');
      return result;
    }
    result.digestAlgorithm = digestName;
    if (!digestSet.includes(digestOid)) result.errors.push('DIGEST_ALGORITHM_NOT_DECLARED');
    const signer = findSigner(result.certificates, cms, sid);
    result.signer = signer;
    if (!signer) {
      result.errors.push('SIGNER_CERTIFICATE_MISSING');
      return result;
    }
    const contentDigest = createHash(digestName).update(content).digest();
    let signedBytes: Buffer = content;
    if (signedAttrs) {
      let messageDigest: Buffer | null = null;
      let contentTypeAttr: string | null = null;
      for (const attr of childrenOf(cms, signedAttrs)) {
        const [attrType, values] = expectChildren(cms, attr, TAG.SEQUENCE, 'Attribute', { min: 2, max: 2 });
        const oid = oidOf(cms, attrType);
        const [value] = expectChildren(cms, values, TAG.SET, 'AttributeValues', { min: 1, max: 1 });
        if (oid === OID.messageDigest) messageDigest = octetsOf(cms, value, 'messageDigest');
        else if (oid === OID.contentType) contentTypeAttr = oidOf(cms, value);
        else if (oid === OID.signingTime) result.signingTime = decodeTime(cms, value);
        else if (oid === OID.signingCertificateV2 || oid === OID.signingCertificate) {
          const ids = essCertificates(cms, value, oid);
          result.signingCertificateMatches = certHashMatches(signer, ids[0]);
          // When the signer listed its chain, every embedded certificate must be one it listed.
          if (ids.length > 1) {
            const unlisted = result.certificates.some((c) => !ids.some((id) => certHashMatches(c, id)));
            const missing = ids.some((id) => !result.certificates.some((c) => certHashMatches(c, id)));
            if (unlisted || missing) result.errors.push('CERTIFICATE_NOT_SIGNED');
          }
        }
      }
      result.digestMatches = messageDigest?.equals(contentDigest) ?? false;
      if (contentTypeAttr !== eContentType) result.errors.push('CONTENT_TYPE_MISMATCH');
      if (!messageDigest) result.errors.push('MESSAGE_DIGEST_MISSING');
      // The signature covers the DER of the attributes with the SET OF tag in place of [0] IMPLICIT.
      signedBytes = Buffer.concat([
        Buffer.from([TAG.SET]),
        cms.subarray(signedAttrs.start + 1, signedAttrs.end),
      ]);
    } else {
      result.digestMatches = true; // the signature itself is over the content
      if (eContentType !== OID.data) result.errors.push('CONTENT_TYPE_MISMATCH');
    }
    const sigOid = algorithmOf(cms, sigAlg, 'SignatureAlgorithm');
    if (!(sigOid in SIGNATURE_ALGORITHMS)) {
      result.errors.push('SIGNATURE_ALGORITHM_UNSUPPORTED');
      return result;
    }
    const verifyDigest = SIGNATURE_ALGORITHMS[sigOid] ?? digestName;
    result.signatureValid = cryptoVerify(
      verifyDigest,
      signedBytes,
      signer.x509.publicKey,
      octetsOf(cms, sigValue, 'signature'),
    );
    verifyChain(result, signer);
    if (!result.digestMatches) result.errors.push('DIGEST_MISMATCH');
    if (!result.signatureValid) result.errors.push('SIGNATURE_INVALID');
    if (result.signingCertificateMatches === false) result.errors.push('SIGNING_CERTIFICATE_MISMATCH');
  } catch (err) {
    result.errors.push(err instanceof DerError ? `CMS_MALFORMED: ${err.message}` : 'CMS_MALFORMED');
  }
  return result;
}

/**
 * The embedded certificates sit outside the signed attributes: each one must be on the signer's chain and every
 * link must verify (up to a self-signed root when it is embedded). No trust list is consulted: whether the root
 * is a recognised CA is for the reader to judge from the issuer's name.
 */
function verifyChain(result: CmsVerification, signer: CertificateInfo) {
  const chain: CertificateInfo[] = [signer];
  for (let cert = signer; ; ) {
    const issuer = result.certificates.find((c) => !chain.includes(c) && cert.x509.checkIssued(c.x509));
    if (!issuer) {
      if (cert.issuerDer.equals(cert.subjectDer) && !cert.x509.verify(cert.x509.publicKey))
        result.errors.push('CERTIFICATE_CHAIN_INVALID');
      break;
    }
    if (!cert.x509.verify(issuer.x509.publicKey)) {
      result.errors.push('CERTIFICATE_CHAIN_INVALID');
      break;
    }
    chain.push(issuer);
    cert = issuer;
  }
  result.issuerVerified = chain.length > 1;
  if (result.certificates.some((c) => !chain.includes(c))) result.errors.push('CERTIFICATE_NOT_IN_CHAIN');
}

/**
 * ESS signing-certificate(-v2): SEQUENCE { certs SEQUENCE OF ESSCertID(v2) { [hashAlgorithm,] certHash, … } }.
 * The first names the signer's certificate; the others, when present, further embedded certificates.
 */
function essCertificates(
  cms: Buffer,
  value: Tlv,
  oid: string,
): { hashAlg: 'sha1' | 'sha256' | 'sha384' | 'sha512' | null; hash: Buffer }[] {
  const [certs] = expectChildren(cms, value, TAG.SEQUENCE, 'SigningCertificate', { min: 1, max: 2 });
  return expectChildren(cms, certs, TAG.SEQUENCE, 'ESSCertIDs', { min: 1, max: 64 }).map((id) => {
    const idParts = expectChildren(cms, id, TAG.SEQUENCE, 'ESSCertID', { min: 1, max: 3 });
    if (oid === OID.signingCertificateV2 && idParts[0].tag === TAG.SEQUENCE)
      return {
        hashAlg: DIGESTS[algorithmOf(cms, idParts[0], 'ESS hashAlgorithm')] ?? null,
        hash: octetsOf(cms, idParts[1], 'certHash'),
      };
    return {
      hashAlg: oid === OID.signingCertificate ? 'sha1' : 'sha256',
      hash: octetsOf(cms, idParts[0], 'certHash'),
    };
  });
}
const certHashMatches = (c: CertificateInfo, id: ReturnType<typeof essCertificates>[number]) =>
  id.hashAlg !== null && createHash(id.hashAlg).update(c.der).digest().equals(id.hash);
