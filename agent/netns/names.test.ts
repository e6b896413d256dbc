import test from 'ava';
import { macFor, nsDevName, nsName, poolIdOfNs, tapName } from './names.js';
import { formatMarker, isOurs, parseMarker } from './marker.js';

const id = '3d993dc3-1515-44f4-9ad9-b8ade0d83cfb';

test('v1 naming; interface names fit IFNAMSIZ', (t) => {
  t.is(nsName(id), `qlbaas-${id}`);
  t.is(tapName(id), 'tap3d993dc3-15');
  t.is(nsDevName(id), 'ns-3d993dc3-15');
  t.true(tapName(id).length <= 15 && nsDevName(id).length <= 15);
  t.is(poolIdOfNs(nsName(id)), id);
  t.is(poolIdOfNs('qlbaas-not-a-uuid'), undefined);
  t.is(poolIdOfNs('lbth-1234'), undefined);
});

for (const bad of ['', 'x', '$(reboot)', `${id};ls`, id.toUpperCase(), `../${id}`, `${id}\n`]) {
  test(`pool id ${JSON.stringify(bad)} is refused before any name is built`, (t) => {
    t.throws(() => nsName(bad), { code: 'NETNS_INVALID_ID' });
    t.throws(() => tapName(bad), { code: 'NETNS_INVALID_ID' });
  });
}

test('MAC: stable per pool, locally administered, unicast, distinct across pools', (t) => {
  const mac = macFor(id);
  t.regex(mac, /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
  t.is(macFor(id), mac);
  const first = parseInt(mac.slice(0, 2), 16);
  t.is(first & 0x01, 0, 'unicast');
  t.is(first & 0x02, 0x02, 'locally administered');
  t.not(macFor('3d993dc3-1515-44f4-9ad9-b8ade0d83cfc'), mac);
});

test('ownership marker round trip', (t) => {
  const alias = formatMarker({ owner: 'agent-1', pool: id });
  t.deepEqual(parseMarker(alias), { owner: 'agent-1', pool: id });
  t.true(isOurs(alias, 'agent-1', id));
  t.false(isOurs(alias, 'agent-2', id));
  t.false(isOurs(alias, 'agent-1', '3d993dc3-1515-44f4-9ad9-b8ade0d83cfc'));
  t.false(isOurs(undefined, 'agent-1', id));
  t.is(parseMarker('something else'), undefined);
});
