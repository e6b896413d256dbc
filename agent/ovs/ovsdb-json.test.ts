import test from 'ava';
import { decodeValue, int, parseTable, str, strMap } from './ovsdb-json.js';

const values: [string, unknown, unknown][] = [
  ['string atom', 'br0', 'br0'],
  ['integer atom', 5, 5],
  ['uuid', ['uuid', '6034bc80-7996-406f-b739-3aeeb4e7e0e1'], '6034bc80-7996-406f-b739-3aeeb4e7e0e1'],
  ['empty set', ['set', []], []],
  ['set of uuids', ['set', [['uuid', 'a'], ['uuid', 'b']]], ['a', 'b']],
  ['map', ['map', [['iface-id', 'x'], ['lbaas-owner', 'a b']]], { 'iface-id': 'x', 'lbaas-owner': 'a b' }],
];
for (const [name, input, expected] of values) {
  test(`decodeValue: ${name}`, (t) => t.deepEqual(decodeValue(input), expected as never));
}

test('decodeValue rejects what OVSDB never prints', (t) => {
  t.throws(() => decodeValue(['map', [['only-key']]]), { code: 'OVS_BAD_OUTPUT' });
  t.throws(() => decodeValue({ a: 1 }), { code: 'OVS_BAD_OUTPUT' });
});

test('parseTable: rows keyed by heading (real ovs-vsctl 3.1 output)', (t) => {
  const out =
    '{"data":[["p1","internal",["map",[["lbaas-owner","a b"]]],1,["set",[]]]],"headings":["name","type","external_ids","ofport","error"]}';
  const [row] = parseTable(out);
  t.is(str(row!.name), 'p1');
  t.is(int(row!.ofport), 1);
  t.is(str(row!.error), undefined, 'empty optional column');
  t.deepEqual(strMap(row!.external_ids), { 'lbaas-owner': 'a b' });
  t.throws(() => parseTable('ovs-vsctl: no row'), { code: 'OVS_BAD_OUTPUT' });
});

test('optional integer column: bare number or empty set', (t) => {
  t.is(int(5), 5);
  t.is(int([]), undefined);
  t.is(int([7]), 7);
});
