/**
 * Certificates made at test time with `openssl` in a temporary directory (never committed):
 * a self-signed RSA certificate and its unencrypted private key, as PEM files.
 */
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  certPem: string;
  keyPem: string;
  x509: X509Certificate;
  /** base64url of the SHA-1 of the DER certificate: a JWT header's `x5t`. */
  x5t: string;
  /** base64url of the SHA-256 of the DER certificate: a JWT header's `x5t#S256`. */
  x5tS256: string;
}

export function tempDir(label: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `alliantiebot-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A self-signed certificate for `subject` (and DNS names `hosts`, for a TLS server). */
export function makeCertificate(
  dir: string,
  name: string,
  subject: string,
  hosts: string[] = [],
): TestCertificate {
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}.key`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      `/CN=${subject}`,
      ...(hosts.length > 0
        ? ['-addext', `subjectAltName=${hosts.map((h) => `DNS:${h}`).join(',')}`]
        : []),
    ],
    { stdio: 'pipe' },
  );
  const certPem = readFileSync(certFile, 'utf8');
  const x509 = new X509Certificate(certPem);
  return {
    certFile,
    keyFile,
    certPem,
    keyPem: readFileSync(keyFile, 'utf8'),
    x509,
    x5t: createHash('sha1').update(x509.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(x509.raw).digest('base64url'),
  };
}
