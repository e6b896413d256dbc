import test from 'ava';
import { Description, IPv4, Name, NetworkName, Port, cidrContains, intToIPv4, ipv4ToInt, parseCidr } from './common.js';

const ok = (s: { safeParse(v: unknown): { success: boolean } }, v: unknown) => s.safeParse(v).success;

const nameCases: [string, unknown, boolean][] = [
  ['plain', 'web pool', true],
  ['unicode letters', 'Pool für Ümläute ✓', true],
  ['255 characters', 'n'.repeat(255), true],
  ['256 characters', 'n'.repeat(256), false],
  ['empty', '', false],
  ['newline', 'a\nb', false],
  ['carriage return', 'a\rb', false],
  ['tab', 'a\tb', false],
  ['NUL', 'a\u0000b', false],
  ['ESC', 'a\u001bb', false],
  ['DEL', 'a\u007fb', false],
  ['C1 NEL', 'a\u0085b', false],
  ['C1 CSI', 'a\u009bb', false],
  ['line separator', 'a\u2028b', false],
  ['paragraph separator', 'a\u2029b', false],
  ['number', 5, false],
  ['null', null, false],
];
for (const [label, v, want] of nameCases) {
  test(`Name: ${label} → ${want ? 'valid' : 'invalid'}`, (t) => t.is(ok(Name, v), want));
}

const descriptionCases: [string, unknown, boolean][] = [
  ['empty', '', true],
  ['1024 characters', 'd'.repeat(1024), true],
  ['1025 characters', 'd'.repeat(1025), false],
  ['newline', 'line1\nline2', false],
  ['control character', '\u0007', false],
];
for (const [label, v, want] of descriptionCases) {
  test(`Description: ${label} → ${want ? 'valid' : 'invalid'}`, (t) => t.is(ok(Description, v), want));
}

const networkCases: [unknown, boolean][] = [
  ['local', true],
  ['net-1_a', true],
  ['0net', true],
  ['x'.repeat(32), true],
  ['x'.repeat(33), false],
  ['Local', false],
  ['-net', false],
  ['_net', false],
  ['', false],
  ['a b', false],
  ['a/b', false],
];
for (const [v, want] of networkCases) {
  test(`NetworkName ${JSON.stringify(v)} → ${want}`, (t) => t.is(ok(NetworkName, v), want));
}

const ipCases: [unknown, boolean][] = [
  ['10.0.0.1', true],
  ['255.255.255.255', true],
  ['0.0.0.0', true],
  ['10.0.0.256', false],
  ['10.0.0', false],
  ['10.0.0.1.5', false],
  ['010.0.0.1', false],
  ['::1', false],
  ['abc', false],
  [' 10.0.0.1', false],
  ['10.0.0.1/24', false],
  [167772161, false],
];
for (const [v, want] of ipCases) {
  test(`IPv4 ${JSON.stringify(v)} → ${want}`, (t) => t.is(ok(IPv4, v), want));
}

const portCases: [unknown, boolean][] = [
  [1, true],
  [80, true],
  [65535, true],
  [0, false],
  [65536, false],
  [-1, false],
  [80.5, false],
  ['80', false],
  [Number.NaN, false],
  [null, false],
];
for (const [v, want] of portCases) {
  test(`Port ${String(v)} → ${want}`, (t) => t.is(ok(Port, v), want));
}

test('IPv4 arithmetic round-trips and CIDRs bound correctly', (t) => {
  for (const ip of ['0.0.0.0', '10.1.2.3', '127.100.255.254', '255.255.255.255']) t.is(intToIPv4(ipv4ToInt(ip)), ip);
  t.deepEqual(parseCidr('10.0.0.77/24'), { base: ipv4ToInt('10.0.0.0'), prefix: 24, first: ipv4ToInt('10.0.0.0'), last: ipv4ToInt('10.0.0.255') });
  t.true(cidrContains('127.0.0.0/8', '127.255.255.255'));
  t.false(cidrContains('127.0.0.0/8', '128.0.0.0'));
  t.true(cidrContains('10.0.0.0/31', '10.0.0.1'));
  t.false(cidrContains('10.0.0.0/32', '10.0.0.1'));
});
