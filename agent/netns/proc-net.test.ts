import test from 'ava';
import { parseLocalAddresses, parseProcRoutes } from './proc-net.js';

const ROUTE = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
ns-3d993dc3-15\t00000000\t0100500A\t0003\t0\t0\t0\t00000000\t0\t0\t0
ns-3d993dc3-15\t0000500A\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
`;

const TRIE = `Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 10.80.0.0/24 2 0 2
        |-- 10.80.0.0
           /24 link UNICAST
        |-- 10.80.0.10
           /32 host LOCAL
Local:
  +-- 127.0.0.0/8 2 0 2
        |-- 127.0.0.1
           /32 host LOCAL
     |-- 127.255.255.255
        /32 link BROADCAST
`;

test('/proc/net/route: little-endian addresses, mask as prefix', (t) => {
  t.deepEqual(parseProcRoutes(ROUTE), [
    { dev: 'ns-3d993dc3-15', destination: '0.0.0.0', gateway: '10.80.0.1', prefix: 0 },
    { dev: 'ns-3d993dc3-15', destination: '10.80.0.0', gateway: '0.0.0.0', prefix: 24 },
  ]);
  t.deepEqual(parseProcRoutes(''), []);
});

test('/proc/net/fib_trie: local addresses only (not networks, not broadcasts)', (t) => {
  t.deepEqual([...parseLocalAddresses(TRIE)].sort(), ['10.80.0.10', '127.0.0.1']);
});
