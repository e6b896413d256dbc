import test from 'ava';
import { parseWrk, sumWrk, wrkErrorText } from './wrk.js';

const CLEAN = `Running 5s test @ http://10.80.0.10:80/
  1 threads and 8 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     2.10ms    1.00ms  20.00ms   90.00%
  Latency Distribution
     50%    1.90ms
     75%    2.30ms
     90%    3.00ms
     99%    6.50ms
  5000 requests in 5.01s, 1.00MB read
Requests/sec:    998.00
Transfer/sec:    200.00KB
`;

const FAILING = CLEAN.replace('  5000 requests', '  4990 requests')
  .replace('Requests/sec:', '  Socket errors: connect 2, read 7, write 0, timeout 1\n  Non-2xx or 3xx responses: 3\nRequests/sec:');

test('a clean wrk report has no errors', (t) => {
  const r = parseWrk(CLEAN);
  t.is(r.requests, 5000);
  t.is(r.rps, 998);
  t.is(r.p99Ms, 6.5);
  t.is(r.durationS, 5.01);
  t.is(r.errors, 0);
  t.is(wrkErrorText(r), '0');
});

test('socket errors and non-2xx answers are all failures', (t) => {
  const r = parseWrk(FAILING);
  t.deepEqual(r.errorsBy, { connect: 2, read: 7, write: 0, timeout: 1, status: 3 });
  t.is(r.errors, 13);
  t.is(wrkErrorText(r), '13 (connect 2, read 7, timeout 1, non-2xx/3xx 3)');
});

test('a report without a summary is refused, not read as zero', (t) => {
  t.throws(() => parseWrk('unable to connect to 10.0.0.1:80 Connection refused\n'), { message: /no summary/ });
});

test('results of parallel processes add up', (t) => {
  const s = sumWrk([parseWrk(CLEAN), parseWrk(FAILING)]);
  t.is(s.requests, 9990);
  t.is(s.errors, 13);
  t.is(s.p99Ms, 6.5);
});
