import anyTest from 'ava';
import { request } from '../harness/http.js';
import { setupLb } from './support.js';
import { requires } from '../harness/requires.js';

const test = requires(anyTest, 'haproxy');

test('APP_COOKIE: requests carrying the application cookie stick to the member that set it', async (t) => {
  const { lb } = await setupLb(t, 3, { vip: { session_persistence: { type: 'APP_COOKIE', cookie_name: 'APPSESSION' } } });
  const sessions: { cookie: string; backend: string }[] = [];
  for (let i = 0; i < 6; i++) {
    const a = await request(lb.address, lb.port, { path: '/login' });
    t.is(a.status, 200);
    const c = a.setCookie.find((s) => s.startsWith('APPSESSION='));
    t.truthy(c, `no APPSESSION cookie in ${JSON.stringify(a.setCookie)}`);
    sessions.push({ cookie: c!.split(';')[0]!, backend: a.backend! });
  }
  t.is(new Set(sessions.map((s) => s.backend)).size, 3, 'logins are balanced');
  for (const s of sessions) {
    for (let i = 0; i < 5; i++) {
      const a = await request(lb.address, lb.port, { cookie: s.cookie });
      t.is(a.backend, s.backend, `${s.cookie} went to ${String(a.backend)}`);
    }
  }
  // Without the cookie, balancing is unchanged.
  const plain = new Set<string>();
  for (let i = 0; i < 6; i++) plain.add((await request(lb.address, lb.port)).backend ?? '?');
  t.is(plain.size, 3);
});
