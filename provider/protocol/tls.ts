/**
 * AutoMTLS server certificate: ECDSA P-256, self-signed, CN and DNS SAN
 * "localhost" (go-plugin's client verifies against ServerName localhost with
 * this very certificate as the only root), EKU serverAuth, a positive random
 * serial (Go ≥1.23 rejects negative ones), valid from a minute ago.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import * as der from './der.js';

export interface ServerCert {
  /** PEM, for grpc-js. */
  certPem: string;
  keyPem: string;
  /** DER, for the handshake line. */
  certDer: Buffer;
}

const OID = {
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  subjectAltName: '2.5.29.17',
  serverAuth: '1.3.6.1.5.5.7.3.1',
};

const VALIDITY_MS = 10 * 365 * 24 * 3600 * 1000;

function extension(id: string, critical: boolean, value: Buffer): Buffer {
  return der.sequence(der.oid(id), ...(critical ? [der.boolean(true)] : []), der.octetString(value));
}

export function generateServerCert(now = new Date()): ServerCert {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x01; // positive and 16 bytes long
  const name = der.sequence(
    der.set(der.sequence(der.oid(OID.organization), der.utf8String('lbaas'))),
    der.set(der.sequence(der.oid(OID.commonName), der.utf8String('localhost'))),
  );
  const sigAlg = der.sequence(der.oid(OID.ecdsaWithSHA256));
  // keyUsage digitalSignature (bit 0) + keyCertSign (bit 5): 0b10000100, 2 unused bits.
  const keyUsage = der.bitString(Buffer.from([0x84]), 2);
  const tbs = der.sequence(
    der.explicit(0, der.unsignedInteger(Buffer.from([2]))), // v3
    der.unsignedInteger(serial),
    sigAlg,
    name,
    der.sequence(der.time(new Date(now.getTime() - 60_000)), der.time(new Date(now.getTime() + VALIDITY_MS))),
    name,
    spki,
    der.explicit(
      3,
      der.sequence(
        extension(OID.keyUsage, true, keyUsage),
        extension(OID.extKeyUsage, false, der.sequence(der.oid(OID.serverAuth))),
        extension(OID.basicConstraints, true, der.sequence(der.boolean(true))),
        extension(OID.subjectAltName, false, der.sequence(der.tlv(0x82, Buffer.from('localhost')))),
      ),
    ),
  );
  // node:crypto's ECDSA signature is DER (r, s), exactly X.509's ECDSA-Sig-Value.
  const signature = sign('sha256', tbs, privateKey);
  const certDer = der.sequence(tbs, sigAlg, der.bitString(signature));
  const b64 = certDer.toString('base64').replace(/.{1,64}/g, '$&\n');
  return {
    certDer,
    certPem: `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`,
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  };
}
