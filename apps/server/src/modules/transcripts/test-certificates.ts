import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * Test certificates: a CA and personal certificates it issues, wrapped in PKCS#12 files with a password, the
 * way a Vietnamese CA (VNPT-CA, Viettel-CA, …) hands a signer their .p12. Keys come from node:crypto (fast);
 * node-forge builds the certificates and the PKCS#12 container.
 */
export type TestCa = { key: forge.pki.rsa.PrivateKey; cert: forge.pki.Certificate };

function rsaKeyPair(bits = 2048) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privateKey: forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicKey),
  };
}

/** A UTF8String attribute value (forge types the tag as a class; the value is the universal type number). */
const utf8 = (value: string) => ({
  value,
  valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
});

export function createTestCa(commonName = 'SmartEdu Test CA'): TestCa {
  const { privateKey, publicKey } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 5 * 365 * 86_400_000);
  const subject: forge.pki.CertificateField[] = [
    { name: 'commonName', ...utf8(commonName) },
    { name: 'organizationName', ...utf8('SmartEdu Test') },
    { name: 'countryName', value: 'VN' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { key: privateKey, cert };
}

export type IssueOptions = {
  commonName: string;
  password: string;
  organization?: string;
  uid?: string;
  notBefore?: Date;
  notAfter?: Date;
};

/** A personal signing certificate issued by `ca`, as a password-protected PKCS#12 file. */
export function issueTestP12(ca: TestCa, opts: IssueOptions): Buffer {
  const { privateKey, publicKey } = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = opts.notBefore ?? new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = opts.notAfter ?? new Date(Date.now() + 365 * 86_400_000);
  const subject: forge.pki.CertificateField[] = [
    { name: 'commonName', ...utf8(opts.commonName) },
    { name: 'organizationName', ...utf8(opts.organization ?? 'SmartEdu Test') },
    { name: 'countryName', value: 'VN' },
  ];
  if (opts.uid) subject.push({ type: '0.9.2342.19200300.100.1.1', ...utf8(opts.uid) });
  cert.setSubject(subject);
  cert.setIssuer(ca.cert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(ca.key, forge.md.sha256.create());
  const p12 = forge.pkcs12.toPkcs12Asn1(privateKey, [cert, ca.cert], opts.password, {
    algorithm: '3des',
    friendlyName: opts.commonName,
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}
