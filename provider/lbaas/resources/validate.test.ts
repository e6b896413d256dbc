import test from 'ava';
import { Unknown } from '../../framework/index.js';
import { KIND_CONTEXTS } from './kinds.js';
import { configIssues } from './validate.js';

const member = { pool_id: '00000000-0000-4000-8000-000000000001', address: '127.0.0.1', protocol_port: 80 };
const vip = { name: 'v', pool_id: member.pool_id, subnet: 'local', protocol: 'HTTP', protocol_port: 80 };
const monitor = { type: 'HTTP', delay: 5, timeout: 2, max_retries: 3 };

const cases: [string, keyof typeof KIND_CONTEXTS, Record<string, unknown>, (string | number)[] | null][] = [
  ['valid member', 'member', member, null],
  ['port out of range', 'member', { ...member, protocol_port: 0 }, ['protocol_port']],
  ['weight as a big integer', 'member', { ...member, weight: 300n }, ['weight']],
  ['one issue per attribute', 'member', { ...member, address: '300.1.1.1' }, ['address']],
  ['unknown values are not judged', 'member', { ...member, address: Unknown, protocol_port: Unknown }, null],
  ['timeout > delay', 'health_monitor', { ...monitor, timeout: 9 }, ['timeout']],
  ['timeout vs unknown delay', 'health_monitor', { ...monitor, delay: Unknown, timeout: 9 }, null],
  ['http field on TCP', 'health_monitor', { ...monitor, type: 'TCP', url_path: '/x' }, ['url_path']],
  ['APP_COOKIE without cookie_name', 'vip', { ...vip, session_persistence: { type: 'APP_COOKIE', cookie_name: null } }, ['session_persistence', 'cookie_name']],
  ['APP_COOKIE with an unknown cookie_name', 'vip', { ...vip, session_persistence: { type: 'APP_COOKIE', cookie_name: Unknown } }, null],
  ['cookie persistence on TCP', 'vip', { ...vip, protocol: 'TCP', session_persistence: { type: 'HTTP_COOKIE', cookie_name: null } }, ['session_persistence', 'type']],
  ['cookie persistence with an unknown protocol', 'vip', { ...vip, protocol: Unknown, session_persistence: { type: 'HTTP_COOKIE', cookie_name: null } }, null],
  ['bad monitor id in a set', 'pool', { name: 'p', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', health_monitor_ids: ['x'] }, ['health_monitor_ids', 0]],
  ['a set with an unknown element', 'pool', { name: 'p', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', health_monitor_ids: [Unknown] }, null],
];

for (const [title, kind, config, path] of cases) {
  test(`validate: ${title}`, (t) => {
    const issues = configIssues(KIND_CONTEXTS[kind], config);
    if (path === null) t.deepEqual(issues, []);
    else t.deepEqual(issues.map((i) => i.path), [path]);
  });
}
