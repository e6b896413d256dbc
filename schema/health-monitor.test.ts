import test from 'ava';
import { expandExpectedCodes } from './health-monitor.js';
import { RESOURCES, validateCreate, validateUpdate } from './resources.js';
import { failsAt, passes } from './test-util.js';

const def = RESOURCES.health_monitor;
const base = { type: 'HTTP', delay: 5, timeout: 3, max_retries: 3 };

test('HTTP and HTTPS monitors get GET / 200 by default', (t) => {
  for (const type of ['HTTP', 'HTTPS']) {
    t.deepEqual(passes(t, validateCreate(def, { ...base, type })), {
      ...base,
      type,
      http_method: 'GET',
      url_path: '/',
      expected_codes: '200',
      admin_state_up: true,
    });
  }
});

test('TCP and PING monitors get no HTTP fields', (t) => {
  for (const type of ['TCP', 'PING']) {
    t.deepEqual(passes(t, validateCreate(def, { ...base, type })), {
      ...base,
      type,
      http_method: null,
      url_path: null,
      expected_codes: null,
      admin_state_up: true,
    });
  }
});

const ranges: [string, Record<string, unknown>, boolean][] = [
  ['delay 1', { delay: 1, timeout: 1 }, true],
  ['delay 86400', { delay: 86400 }, true],
  ['delay 86401', { delay: 86401 }, false],
  ['delay 0', { delay: 0, timeout: 0 }, false],
  ['delay 2.5', { delay: 2.5 }, false],
  ['timeout equal to delay', { delay: 3, timeout: 3 }, true],
  ['timeout 0', { timeout: 0 }, false],
  ['max_retries 1', { max_retries: 1 }, true],
  ['max_retries 10', { max_retries: 10 }, true],
  ['max_retries 0', { max_retries: 0 }, false],
  ['max_retries 11', { max_retries: 11 }, false],
];
for (const [label, patch, want] of ranges) {
  test(`${label} → ${want ? 'valid' : 'invalid'}`, (t) => {
    t.is(validateCreate(def, { ...base, ...patch }).ok, want);
  });
}

test('timeout above delay is refused at timeout, naming the delay', (t) => {
  t.regex(failsAt(t, validateCreate(def, { ...base, delay: 2, timeout: 3 }), 'timeout') ?? '', /delay \(2\)/);
});

for (const type of ['TCP', 'PING']) {
  for (const [field, value] of [
    ['http_method', 'GET'],
    ['url_path', '/'],
    ['expected_codes', '200'],
  ] as const) {
    test(`${field} is refused on a ${type} monitor`, (t) => {
      t.regex(failsAt(t, validateCreate(def, { ...base, type, [field]: value }), field) ?? '', /only valid for HTTP and HTTPS/);
    });
  }
}

const codes: [unknown, boolean][] = [
  ['200', true],
  ['200-204', true],
  ['200,202', true],
  ['200,300-302,404', true],
  ['100', true],
  ['599', true],
  ['099', false],
  ['600', false],
  ['204-200', false],
  ['200-600', false],
  ['200,', false],
  [',200', false],
  ['2xx', false],
  ['200 ', false],
  ['200;201', false],
  ['', false],
  [200, false],
];
for (const [v, want] of codes) {
  test(`expected_codes ${JSON.stringify(v)} → ${want}`, (t) => {
    const r = validateCreate(def, { ...base, expected_codes: v });
    if (want) passes(t, r);
    else failsAt(t, r, 'expected_codes');
  });
}

test('expected_codes expand to the listed statuses', (t) => {
  t.deepEqual(expandExpectedCodes('200'), [200]);
  t.deepEqual(expandExpectedCodes('200-202,204,201'), [200, 201, 202, 204]);
});

const paths: [unknown, boolean][] = [
  ['/', true],
  ['/health', true],
  ['/a/b?x=1&y=%20z', true],
  ["/a-b_c.d~e!f*g+h,i;j=k:l@m(n)", true],
  ['/' + 'p'.repeat(1023), true],
  ['/' + 'p'.repeat(1024), false],
  ['health', false],
  ['', false],
  ['/a b', false],
  ['/a\tb', false],
  ['/a\nb', false],
  ['/a\rb', false],
  ['/a"b', false],
  ["/a'b", false],
  ['/a$b', false],
  ['/${HOME}', false],
  ['/a#b', false],
  ['/a\\b', false],
  ['/a<b>', false],
  ['/ä', false],
  [1, false],
];
for (const [v, want] of paths) {
  test(`url_path ${JSON.stringify(v).slice(0, 40)} → ${want}`, (t) => {
    const r = validateCreate(def, { ...base, url_path: v });
    if (want) passes(t, r);
    else failsAt(t, r, 'url_path');
  });
}

test('http_method must be a known method', (t) => {
  for (const m of ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'TRACE']) passes(t, validateCreate(def, { ...base, http_method: m }));
  for (const m of ['get', 'FETCH', 'GET /', '']) failsAt(t, validateCreate(def, { ...base, http_method: m }), 'http_method');
});

const stored = { ...base, http_method: 'GET', url_path: '/', expected_codes: '200', admin_state_up: true };

test('update refuses force-new type, naming it', (t) => {
  t.regex(failsAt(t, validateUpdate(def, stored, { type: 'TCP' }), 'type') ?? '', /cannot be changed in place/);
});

test('update checks timeout ≤ delay against the stored values', (t) => {
  failsAt(t, validateUpdate(def, stored, { delay: 2 }), 'timeout');
  failsAt(t, validateUpdate(def, stored, { timeout: 6 }), 'timeout');
  passes(t, validateUpdate(def, stored, { delay: 10, timeout: 10 }));
});

test('update of a TCP monitor refuses HTTP fields', (t) => {
  const tcp = { ...base, type: 'TCP', http_method: null, url_path: null, expected_codes: null, admin_state_up: true };
  failsAt(t, validateUpdate(def, tcp, { url_path: '/x' }), 'url_path');
  passes(t, validateUpdate(def, tcp, { delay: 9 }));
});

test('update refuses computed pool_ids', (t) => {
  failsAt(t, validateUpdate(def, stored, { pool_ids: [] }), 'pool_ids');
});
