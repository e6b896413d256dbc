import { NOT_THERE, monitor, type BadCase } from './case.js';

const post = (name: string, o: Record<string, unknown>, field: string, status = 400): BadCase => ({
  name,
  method: 'POST',
  path: () => '/v1/health_monitors',
  body: () => monitor(o),
  status,
  field,
});
const putHttp = (name: string, o: Record<string, unknown>, field: string, status = 400): BadCase => ({
  name,
  method: 'PUT',
  path: (c) => `/v1/health_monitors/${c.monitorId}`,
  body: () => o,
  status,
  field,
});

export const monitorCases: BadCase[] = [
  post('monitor timeout greater than delay', { delay: 2, timeout: 3 }, 'timeout', 422),
  post('monitor max_retries 11', { max_retries: 11 }, 'max_retries'),
  post('monitor max_retries 0', { max_retries: 0 }, 'max_retries'),
  post('monitor delay 0', { delay: 0, timeout: 1 }, 'delay'),
  post('monitor delay 1.5', { delay: 1.5 }, 'delay'),
  post('monitor delay as a string', { delay: '5' }, 'delay'),
  post('monitor timeout 0', { timeout: 0 }, 'timeout'),
  post('monitor type ICMP', { type: 'ICMP' }, 'type'),
  post('monitor url_path on a TCP monitor', { type: 'TCP', url_path: '/' }, 'url_path', 422),
  post('monitor expected_codes on a PING monitor', { type: 'PING', expected_codes: '200' }, 'expected_codes', 422),
  post('monitor http_method on a TCP monitor', { type: 'TCP', http_method: 'GET' }, 'http_method', 422),
  post('monitor url_path with a space', { url_path: '/a b' }, 'url_path'),
  post('monitor url_path with a newline', { url_path: '/a\nserver x 1.2.3.4:80' }, 'url_path'),
  post('monitor url_path without a leading slash', { url_path: 'health' }, 'url_path'),
  post('monitor url_path with a quote (HAProxy quoting)', { url_path: "/it's" }, 'url_path'),
  post('monitor url_path with $ (HAProxy expands environment variables)', { url_path: '/$HOME' }, 'url_path'),
  post('monitor url_path with #', { url_path: '/a#b' }, 'url_path'),
  post('monitor url_path with a backslash', { url_path: '/a\\b' }, 'url_path'),
  post('monitor expected_codes abc', { expected_codes: 'abc' }, 'expected_codes'),
  post('monitor expected_codes 600', { expected_codes: '600' }, 'expected_codes'),
  post('monitor expected_codes reversed range', { expected_codes: '204-200' }, 'expected_codes', 422),
  post('monitor expected_codes trailing comma', { expected_codes: '200,' }, 'expected_codes'),
  post('monitor expected_codes as a number', { expected_codes: 200 }, 'expected_codes'),
  post('monitor http_method FETCH', { http_method: 'FETCH' }, 'http_method'),
  post('monitor unknown field', { interval: 5 }, 'interval'),
  putHttp('PUT monitor type (force-new)', { type: 'TCP' }, 'type'),
  putHttp('PUT monitor delay below its timeout', { delay: 1, timeout: 2 }, 'timeout', 422),
  putHttp('PUT monitor max_retries 11', { max_retries: 11 }, 'max_retries'),
  putHttp('PUT monitor url_path with a space', { url_path: '/ x' }, 'url_path'),
  putHttp('PUT monitor pool_ids (computed)', { pool_ids: [] }, 'pool_ids'),
  {
    name: 'PUT TCP monitor url_path',
    method: 'PUT',
    path: (c) => `/v1/health_monitors/${c.tcpMonitorId}`,
    body: () => ({ url_path: '/health' }),
    status: 422,
    field: 'url_path',
  },
  {
    name: 'PUT TCP monitor timeout above its delay',
    method: 'PUT',
    path: (c) => `/v1/health_monitors/${c.tcpMonitorId}`,
    body: () => ({ timeout: 6 }),
    status: 422,
    field: 'timeout',
  },
  {
    name: 'DELETE a monitor a pool uses',
    method: 'DELETE',
    path: (c) => `/v1/health_monitors/${c.monitorId}`,
    status: 409,
    check: (p, c) =>
      (p.referrers ?? []).some((r) => r.kind === 'pool' && r.id === c.poolId) && p.detail.includes(c.poolId)
        ? undefined
        : 'referrers/detail do not name the pool',
  },
  { name: 'DELETE an unknown monitor', method: 'DELETE', path: () => `/v1/health_monitors/${NOT_THERE}`, status: 404 },
];
