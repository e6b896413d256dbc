import test from 'ava';
import { decodeJsonValue, parseJson } from './json.js';
import { t } from './types.js';
import { Decimal, Dynamic } from './value.js';

test('raw state JSON decodes against the current schema', (tt) => {
  const type = t.object({ id: t.string, n: t.number, f: t.number, g: t.number, gone: t.string, tags: t.map(t.string), l: t.list(t.bool) });
  const raw = '{"id":"x","n":9007199254740993,"f":0.1,"g":2.5,"extra":1,"tags":{"__proto__":"p","a":"b"},"l":[true,false]}';
  const v = decodeJsonValue(type, Buffer.from(raw)) as Record<string, unknown>;
  const tags = v.tags as Record<string, unknown>;
  tt.deepEqual(Object.entries(tags), [['__proto__', 'p'], ['a', 'b']]);
  tt.is(Object.getPrototypeOf(tags), Object.prototype);
  delete v.tags;
  tt.deepEqual(v, { id: 'x', n: 9007199254740993n, f: new Decimal('0.1'), g: 2.5, gone: null, l: [true, false] });
});

test('dynamic values in JSON carry their type', (tt) => {
  tt.deepEqual(decodeJsonValue(t.object({ d: t.dynamic }), '{"d":{"value":["a"],"type":["list","string"]}}'), {
    d: new Dynamic(t.list(t.string), ['a']),
  });
});

test('null document is a null value', (tt) => {
  tt.is(decodeJsonValue(t.object({ a: t.string }), 'null'), null);
});

test('parser rejects malformed JSON like JSON.parse', (tt) => {
  for (const bad of ['{', '[1,]', '{"a" 1}', '01', '"\\x"', 'tru', '{} x']) tt.throws(() => parseJson(bad), undefined, bad);
  tt.deepEqual(JSON.stringify(parseJson(' {"a": [1, "s\\n", null, true]} ')), '{"a":[{"text":"1"},"s\\n",null,true]}');
});
