import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { removeDiacritics } from '@smartedu/domain';
import forge from 'node-forge';
import { type CertificateInfo, createCadesSignature, describeCertificate, type SigningIdentity } from './cms';

/**
 * PAdES signing of a PDF with a personal certificate from a PKCS#12 (.p12/.pfx) file, as an incremental
 * update: @signpdf/placeholder-plain appends a signature field, widget, AcroForm and signature dictionary after
 * the existing %%EOF with a new xref section whose trailer points back (/Prev) to the previous one, so every
 * earlier signature keeps covering exactly the bytes it signed. @signpdf/signpdf fills the ByteRange and the
 * /Contents hole with the CMS produced by `createCadesSignature` (SubFilter ETSI.CAdES.detached).
 *
 * The key is used in memory only: nothing here stores the file, the password or the key.
 */

const require = createRequire(import.meta.url);
const { SignPdf, Signer } = require('@signpdf/signpdf') as typeof import('@signpdf/signpdf');
const { plainAddPlaceholder } =
  require('@signpdf/placeholder-plain') as typeof import('@signpdf/placeholder-plain');
const SUBFILTER_ETSI_CADES_DETACHED = 'ETSI.CAdES.detached';

export type P12ErrorCode = 'P12_UNREADABLE' | 'P12_PASSWORD' | 'P12_NO_KEY' | 'P12_KEY_UNSUPPORTED';
export class P12Error extends Error {
  constructor(readonly code: P12ErrorCode) {
    super(code);
  }
}

const toDer = (asn1: forge.asn1.Asn1) => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

/** Opens a PKCS#12 file: the private key, the certificate that matches it and the rest of the chain. */
export function readP12(p12: Buffer, password: string): SigningIdentity {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary')));
    parsed = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
  } catch (err) {
    const message = err instanceof Error ? err.message : '';
    throw new P12Error(/password|decrypt|mac/i.test(message) ? 'P12_PASSWORD' : 'P12_UNREADABLE');
  }
  type Bag = {
    key?: forge.pki.PrivateKey | null;
    cert?: forge.pki.Certificate | null;
    asn1?: forge.asn1.Asn1;
  };
  const bagsOf = (type: string) => (parsed.getBags({ bagType: type })[type] ?? []) as Bag[];
  const keyBag = [...bagsOf(forge.pki.oids.pkcs8ShroudedKeyBag), ...bagsOf(forge.pki.oids.keyBag)][0];
  if (!keyBag) throw new P12Error('P12_NO_KEY');
  let privateKey: KeyObject;
  try {
    const pkcs8 = keyBag.key
      ? toDer(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keyBag.key as forge.pki.rsa.PrivateKey)))
      : toDer(keyBag.asn1!);
    privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  } catch {
    throw new P12Error('P12_KEY_UNSUPPORTED');
  }
  if (privateKey.asymmetricKeyType !== 'rsa' && privateKey.asymmetricKeyType !== 'ec')
    throw new P12Error('P12_KEY_UNSUPPORTED');
  const certificates: CertificateInfo[] = [];
  for (const bag of bagsOf(forge.pki.oids.certBag)) {
    const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (asn1) certificates.push(describeCertificate(toDer(asn1)));
  }
  const publicKey = createPublicKeyDer(privateKey);
  const own = certificates.find((c) => createPublicKeyDerOf(c).equals(publicKey));
  if (!own) throw new P12Error('P12_NO_KEY');
  return { privateKey, certificate: own, chain: certificates.filter((c) => c !== own) };
}

const createPublicKeyDer = (key: KeyObject) => createPublicKey(key).export({ format: 'der', type: 'spki' });
const createPublicKeyDerOf = (cert: CertificateInfo) =>
  Buffer.from(cert.x509.publicKey.export({ format: 'der', type: 'spki' }));

export type SignatureMeta = {
  /** Lý do ký, e.g. "Giáo viên chủ nhiệm ký học bạ"; written without diacritics (the placeholder is ASCII). */
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
};

const ascii = (s: string) =>
  removeDiacritics(s)
    .replace(/[^\x20-\x7e]/g, '')
    .slice(0, 200);

/** Appends one signature to `pdf` (an incremental update) and returns the signed file. */
export async function signPdf(pdf: Buffer, identity: SigningIdentity, meta: SignatureMeta): Promise<Buffer> {
  // The CMS length depends only on the certificates and the key: measure it, then reserve a margin (ECDSA
  // signatures vary by a few bytes).
  const signatureLength = createCadesSignature(identity, Buffer.alloc(0)).length + 64;
  const withPlaceholder = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: ascii(meta.reason),
    contactInfo: ascii(meta.contactInfo),
    name: ascii(meta.name),
    location: ascii(meta.location),
    signingTime: meta.signingTime,
    signatureLength,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
    appName: 'SmartEdu',
  });
  class CadesSigner extends Signer {
    override async sign(content: Buffer): Promise<Buffer> {
      return createCadesSignature(identity, content);
    }
  }
  return new SignPdf().sign(withPlaceholder, new CadesSigner(), meta.signingTime);
}
