import anyTest from 'ava';
import { request } from '../harness/http.js';
import { setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('HTTP_COOKIE: HAProxy inserts SRV=<member id>, and the cookie pins later requests', async (t) => {
  const { lb } = await setupLb(t, 3, { vip: { session_persistence: { type: 'HTTP_COOKIE' } } });
  const memberOf = new Map(['b1', 'b2', 'b3'].map((b, i) => [b, lb.memberIds[i]!]));
  const sessions: { cookie: string; backend: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const a = await request(lb.address, lb.port);
    t.is(a.status, 200);
    const c = a.setCookie.find((s) => s.startsWith('SRV='));
    t.truthy(c, `no SRV cookie in ${JSON.stringify(a.setCookie)}`);
    const value = c!.split(';')[0]!;
    t.is(value, `SRV=${memberOf.get(a.backend!)}`);
    sessions.push({ cookie: value, backend: a.backend! });
  }
  t.is(new Set(sessions.map((s) => s.backend)).size, 3, 'first requests are still balanced');
  for (const s of sessions) {
    for (let i = 0; i < 5; i++) {
      const a = await request(lb.address, lb.port, { cookie: s.cookie });
      t.is(a.backend, s.backend, `${s.cookie} went to ${String(a.backend)}`);
      t.deepEqual(a.setCookie, [], 'a valid cookie is not set again');
    }
  }
});
