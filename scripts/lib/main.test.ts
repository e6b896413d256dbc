import test from 'ava';
import { readFlags } from './main.js';

const SPEC = { out: { type: 'string' }, platform: { type: 'string', multiple: true }, check: { type: 'boolean' } } as const;

test('flags are read per the spec', (t) => {
  t.deepEqual(readFlags(['--out', 'd', '--platform', 'a', '--platform', 'b', '--check'], SPEC, 'u'), { out: 'd', platform: ['a', 'b'], check: true });
  t.deepEqual(readFlags([], SPEC, 'u'), {});
});

test('an unknown flag or a missing value throws naming it, with the usage', (t) => {
  t.throws(() => readFlags(['--bogus'], SPEC, 'npm run x'), { message: /'--bogus'.*\(usage: npm run x\)/ });
  t.throws(() => readFlags(['--out'], SPEC, 'npm run x'), { message: /--out.*argument missing/ });
  t.throws(() => readFlags(['stray'], SPEC, 'npm run x'), { message: /stray/ });
});
