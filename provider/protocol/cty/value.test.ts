import test from 'ava';
import { valuesEqual } from './equal.js';
import { t, typeFromJSON, typeToJSON } from './types.js';
import { canonicalDecimal, Decimal, Dynamic, isWhollyKnown, numberFromText, Unknown } from './value.js';

test('numberFromText keeps exactness', (tt) => {
  tt.is(numberFromText('1'), 1);
  tt.is(numberFromText('-0.5'), -0.5);
  tt.is(numberFromText('4.0'), 4);
  tt.is(numberFromText('1e3'), 1000);
  tt.is(numberFromText('9007199254740993'), 9007199254740993n);
  tt.deepEqual(numberFromText('0.1'), new Decimal('0.1'));
  tt.throws(() => numberFromText('abc'));
});

test('canonicalDecimal', (tt) => {
  tt.is(canonicalDecimal('1.50'), canonicalDecimal('15e-1'));
  tt.is(canonicalDecimal('-000'), '0');
  tt.is(canonicalDecimal('100'), '1e2');
});

test('equality follows cty', (tt) => {
  tt.true(valuesEqual(t.number, 1, 1n));
  tt.true(valuesEqual(t.number, new Decimal('1.0'), 1));
  tt.false(valuesEqual(t.number, new Decimal('0.1'), 0.1 + 0.2));
  tt.true(valuesEqual(t.set(t.string), ['a', 'b'], ['b', 'a']));
  tt.false(valuesEqual(t.list(t.string), ['a', 'b'], ['b', 'a']));
  tt.true(valuesEqual(t.object({ a: t.string, b: t.string }), { a: 'x' }, { a: 'x', b: null }));
  tt.false(valuesEqual(t.string, Unknown, 'x'));
  tt.true(valuesEqual(t.string, Unknown, Unknown));
  tt.true(valuesEqual(t.dynamic, new Dynamic(t.string, 'a'), 'a'));
  tt.false(valuesEqual(t.dynamic, new Dynamic(t.string, '1'), 1));
});

test('isWhollyKnown looks inside', (tt) => {
  tt.false(isWhollyKnown({ a: [1, { b: Unknown }] }));
  tt.true(isWhollyKnown({ a: [1, { b: null }] }));
});

test('type JSON round trip, object keys sorted', (tt) => {
  const j = ['object', { b: ['list', 'string'], a: ['tuple', ['number', 'bool']], c: ['map', ['set', 'dynamic']] }];
  tt.deepEqual(JSON.stringify(typeToJSON(typeFromJSON(j))), '["object",{"a":["tuple",["number","bool"]],"b":["list","string"],"c":["map",["set","dynamic"]]}]');
  tt.deepEqual(typeFromJSON(['object', { a: 'string' }, ['a']]), t.object({ a: t.string }));
  tt.throws(() => typeFromJSON('int'));
  tt.throws(() => typeFromJSON(['list']));
});
