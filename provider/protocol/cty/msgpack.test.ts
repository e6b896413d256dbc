import test from 'ava';
import { decodeMsgpack, encodeMsgpack } from './msgpack.js';
import { type CtyType, t } from './types.js';
import { Decimal, Dynamic, Unknown, type Value } from './value.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Buffer.from(h.replace(/\s+/g, ''), 'hex');

// [name, type, value, msgpack bytes]: encode(value) = bytes and decode(bytes) = value.
const vectors: [string, CtyType, Value, string][] = [
  ['string', t.string, 'x', 'a1 78'],
  ['bool', t.bool, true, 'c3'],
  ['null', t.string, null, 'c0'],
  ['unknown', t.string, Unknown, 'd4 00 00'],
  ['fixint', t.number, 1, '01'],
  ['negative fixint', t.number, -1, 'ff'],
  ['uint16', t.number, 300, 'cd 01 2c'],
  ['float64', t.number, 1.5, 'cb 3f f8 00 00 00 00 00 00'],
  ['int64 beyond 2^53', t.number, 9007199254740993n, 'cf 00 20 00 00 00 00 00 01'],
  ['negative int64 beyond 2^53', t.number, -9007199254740993n, 'd3 ff df ff ff ff ff ff ff'],
  ['decimal string', t.number, new Decimal('0.1'), 'a3 30 2e 31'],
  ['beyond int64 as string', t.number, 2n ** 70n, 'b6 31 31 38 30 35 39 31 36 32 30 37 31 37 34 31 31 33 30 33 34 32 34'],
  [
    'object: every attribute, sorted, null and unknown',
    t.object({ c: t.bool, a: t.string, b: t.number }),
    { a: 'x', b: 1, c: Unknown },
    '83 a1 61 a1 78 a1 62 01 a1 63 d4 00 00',
  ],
  ['list', t.list(t.string), ['a', 'b'], '92 a1 61 a1 62'],
  ['set', t.set(t.number), [1, 2], '92 01 02'],
  ['map', t.map(t.bool), { k: false }, '81 a1 6b c2'],
  ['tuple', t.tuple([t.string, t.number]), ['a', 1], '92 a1 61 01'],
  ['list with unknown element', t.list(t.string), ['a', Unknown], '92 a1 61 d4 00 00'],
  ['dynamic', t.dynamic, new Dynamic(t.string, 'hi'), '92 c4 08 22 73 74 72 69 6e 67 22 a2 68 69'],
  ['dynamic list', t.dynamic, new Dynamic(t.list(t.bool), [true]), '92 c4 0f 5b 22 6c 69 73 74 22 2c 22 62 6f 6f 6c 22 5d 91 c3'],
  ['dynamic unknown', t.dynamic, Unknown, 'd4 00 00'],
  ['dynamic null', t.dynamic, null, 'c0'],
  ['nested object null', t.object({ o: t.object({ x: t.string }) }), { o: null }, '81 a1 6f c0'],
];

for (const [name, type, value, h] of vectors) {
  test(`encode ${name}`, (tt) => tt.is(hex(encodeMsgpack(type, value)), h.replace(/\s+/g, '')));
  test(`decode ${name}`, (tt) => tt.deepEqual(decodeMsgpack(type, bytes(h)), value));
}

test('missing object attributes encode as nil', (tt) => {
  tt.is(hex(encodeMsgpack(t.object({ a: t.string, b: t.string }), { a: 'x' })), '82a161a178a162c0');
});

test('missing object attributes decode as null', (tt) => {
  tt.deepEqual(decodeMsgpack(t.object({ a: t.string, b: t.string }), bytes('81 a1 61 a1 78')), { a: 'x', b: null });
});

test('refined unknown (ext 12) and any other extension decode as unknown', (tt) => {
  // ext8, 3 bytes, type 12, payload {1: false} (refinement: not null)
  tt.is(decodeMsgpack(t.string, bytes('c7 03 0c 81 01 c2')), Unknown);
  tt.is(decodeMsgpack(t.string, bytes('d5 05 00 00')), Unknown);
  tt.deepEqual(decodeMsgpack(t.list(t.string), bytes('91 d6 ff 00 00 00 00')), [Unknown]);
});

test('numbers in any msgpack form', (tt) => {
  tt.is(decodeMsgpack(t.number, bytes('ca 3f c0 00 00')), 1.5); // float32
  tt.is(decodeMsgpack(t.number, bytes('d3 00 00 00 00 00 00 00 05')), 5); // int64 that fits
  tt.is(decodeMsgpack(t.number, bytes('a3 31 2e 35')), 1.5); // "1.5" is an exact float64
  tt.deepEqual(decodeMsgpack(t.number, bytes('a4 31 65 33 30')), 10n ** 30n); // "1e30" exact integer
  tt.is(hex(encodeMsgpack(t.number, 1e300)), 'cb7e37e43c8800759c'); // integral but not int64: float64
});

test('empty bytes are a null value', (tt) => {
  tt.is(decodeMsgpack(t.object({ a: t.string }), new Uint8Array()), null);
});

test('type mismatches name the path', (tt) => {
  const e = tt.throws(() => encodeMsgpack(t.object({ a: t.list(t.string) }), { a: ['x', 3] }));
  tt.regex(e!.message, /number.*at a\.1/);
  tt.throws(() => encodeMsgpack(t.object({ a: t.string }), { a: 'x', zzz: 'y' }), { message: /unexpected attribute "zzz"/ });
});

test('round trip of a nested resource-like object', (tt) => {
  const type = t.object({
    id: t.string,
    tags: t.map(t.string),
    ports: t.set(t.number),
    session: t.object({ type: t.string, cookie: t.string }),
    any: t.dynamic,
  });
  const v: Value = { id: 'p1', tags: { a: 'b', '10': 'x', '2': 'y' }, ports: [80, 443], session: { type: 'APP_COOKIE', cookie: null }, any: new Dynamic(t.object({ k: t.number }), { k: 1 }) };
  tt.deepEqual(decodeMsgpack(type, encodeMsgpack(type, v)), v);
});
