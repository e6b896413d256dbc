import 'reflect-metadata';
import test from 'ava';
import { webcrypto, X509Certificate } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { generateServerCert } from './tls.js';

x509.cryptoProvider.set(webcrypto as never);

test('server certificate is what go-plugin accepts', async (t) => {
  const { certDer, certPem, keyPem } = generateServerCert();
  const cert = new x509.X509Certificate(certDer);
  t.is(cert.subject, 'O=lbaas, CN=localhost');
  t.true(cert.notBefore.getTime() < Date.now() && cert.notAfter.getTime() > Date.now() + 300 * 86400e3);
  t.false(cert.serialNumber.startsWith('8') || /^[89a-f]/i.test(cert.serialNumber), 'serial is positive');
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  t.deepEqual(san?.names.toJSON(), [{ type: 'dns', value: 'localhost' }]);
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  t.deepEqual([...(eku?.usages ?? [])], [x509.ExtendedKeyUsage.serverAuth]);
  t.true(await cert.verify({ signatureOnly: true }), 'self-signature verifies');
  t.is((cert.publicKey.algorithm as { namedCurve?: string }).namedCurve, 'P-256');

  const node = new X509Certificate(certPem);
  t.is(node.checkHost('localhost'), 'localhost');
  t.true(node.checkPrivateKey((await import('node:crypto')).createPrivateKey(keyPem)));
  t.true(node.verify(node.publicKey));
});

test('serials differ and stay positive', (t) => {
  const serials = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const s = new X509Certificate(generateServerCert().certPem).serialNumber;
    t.regex(s, /^[0-7]/);
    serials.add(s);
  }
  t.is(serials.size, 50);
});

test('dates after 2049 use GeneralizedTime', (t) => {
  const cert = new X509Certificate(generateServerCert(new Date('2049-06-01T00:00:00Z')).certPem);
  t.is(new Date(cert.validTo).getUTCFullYear(), 2059);
});
