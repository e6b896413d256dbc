import anyTest from 'ava';
import type { LbOptions } from '../harness/fixtures.js';
import { request } from '../harness/http.js';
import { setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

/** Client source addresses 127.0.0.2 … 127.0.0.9 (all of 127/8 is local on Linux). */
const SOURCES = Array.from({ length: 8 }, (_, i) => `127.0.0.${i + 2}`);

const variants: [string, LbOptions][] = [
  ['lb_method SOURCE_IP (hash of the source)', { lb_method: 'SOURCE_IP' }],
  ['session_persistence SOURCE_IP (stick table, round robin)', { vip: { session_persistence: { type: 'SOURCE_IP' } } }],
];

for (const [name, options] of variants) {
  test(`${name}: each source address always reaches one member`, async (t) => {
    const { lb } = await setupLb(t, 3, options);
    const seen = new Map<string, Set<string>>();
    for (let round = 0; round < 5; round++) {
      for (const src of SOURCES) {
        const a = await request(lb.address, lb.port, { localAddress: src });
        t.is(a.status, 200);
        const s = seen.get(src) ?? new Set<string>();
        s.add(a.backend ?? '?');
        seen.set(src, s);
      }
    }
    t.log(Object.fromEntries([...seen].map(([k, v]) => [k, [...v].join(',')])));
    for (const [src, s] of seen) t.is(s.size, 1, `${src} reached ${[...s].join(', ')}`);
    const used = new Set([...seen.values()].flatMap((s) => [...s]));
    t.true(used.size >= 2, `all sources on ${[...used].join(', ')}: not balanced at all`);
  });
}
