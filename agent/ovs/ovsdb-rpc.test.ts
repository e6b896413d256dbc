import test from 'ava';
import { jsonEnd } from './ovsdb-rpc.js';

test('jsonEnd: finds the end of the first complete message, not braces in strings', (t) => {
  const a = '{"id":1,"result":[{"rows":[{"name":"a}b"}]}]}';
  t.is(jsonEnd(a), a.length);
  t.is(jsonEnd(a + '{"id":2'), a.length);
  t.is(jsonEnd('{"id":1,"result":[{"rows"'), -1);
  const quoted = '{"s":"quote \\" {"}';
  t.is(jsonEnd(quoted + '{'), quoted.length);
});
