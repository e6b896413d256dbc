import test from 'ava';
import { createHash } from 'node:crypto';
import { dirHash1, zipHash } from './hashes.js';

const sha = (s: string) => createHash('sha256').update(s).digest();

test('h1 is dirhash Hash1: sorted "<hex>  <name>\\n" lines, SHA-256, base64 (the case of golang.org/x/mod dirhash_test)', (t) => {
  const files = ['xyz', 'abc'].map((name) => ({ name, sha256: sha(`data for ${name}`) }));
  const summary = `${sha('data for abc').toString('hex')}  abc\n${sha('data for xyz').toString('hex')}  xyz\n`;
  t.is(dirHash1(files), `h1:${createHash('sha256').update(summary).digest('base64')}`);
  t.is(dirHash1([...files].reverse()), dirHash1(files), 'order of the input does not matter');
});

test('h1 refuses names it cannot represent; zh is the hex SHA-256 of the zip', (t) => {
  t.throws(() => dirHash1([{ name: 'a\nb', sha256: sha('') }]), { message: /newline/ });
  t.throws(() => dirHash1([{ name: 'a', sha256: sha('') }, { name: 'a', sha256: sha('') }]), { message: /duplicate/ });
  t.is(zipHash(sha('zip')), `zh:${sha('zip').toString('hex')}`);
});
