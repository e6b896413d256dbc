/**
 * The four resources under mocks: type tokens, declared outputs, the
 * serialized provider (small, without captured modules), connection settings
 * from arguments, stack config or environment with the token secret.
 */
import test from 'ava';
import * as pulumi from '@pulumi/pulumi';
import { HealthMonitor, Member, Pool, Vip } from './index.js';
import { isSecretValue, unwrap, useMocks, valueOf, type Registered } from './test-mocks.js';

const registered = await useMocks();
const POOL = { name: 'p', protocol: 'HTTP', lbMethod: 'ROUND_ROBIN', subnet: 'local' } as const;

function last(name: string): Registered {
  const r = registered.filter((x) => x.name === name).at(-1);
  if (!r) throw new Error(`${name} not registered`);
  return r;
}

test.serial('connection: argument, else stack config lbaas:*, else LBAAS_* environment; the token always secret', async (t) => {
  process.env.LBAAS_ENDPOINT = 'http://env:1';
  process.env.LBAAS_TOKEN = 'env-token';
  try {
    await valueOf(new Pool('from-env', POOL).id);
    t.like(last('from-env').inputs, { endpoint: 'http://env:1' });
    t.is(unwrap(last('from-env').inputs.token), 'env-token');
    t.true(isSecretValue(last('from-env').inputs.token));

    pulumi.runtime.setAllConfig({ 'lbaas:endpoint': 'http://config:2', 'lbaas:token': 'config-token' }, ['lbaas:token']);
    await valueOf(new Pool('from-config', POOL).id);
    t.like(last('from-config').inputs, { endpoint: 'http://config:2' });
    t.is(unwrap(last('from-config').inputs.token), 'config-token');
    t.true(isSecretValue(last('from-config').inputs.token));

    await valueOf(new Pool('from-args', { ...POOL, endpoint: 'http://args:3', token: 'args-token', waitSeconds: 5 }).id);
    t.like(last('from-args').inputs, { endpoint: 'http://args:3', waitSeconds: 5 });
    t.is(unwrap(last('from-args').inputs.token), 'args-token');
    t.true(isSecretValue(last('from-args').inputs.token));
  } finally {
    delete process.env.LBAAS_ENDPOINT;
    delete process.env.LBAAS_TOKEN;
    pulumi.runtime.setAllConfig({});
  }
});

test('type tokens and outputs: every field of the agent object is an output', async (t) => {
  const conn = { endpoint: 'http://x:1', token: 't' };
  const mon = new HealthMonitor('tm', { type: 'TCP', delay: 5, timeout: 3, maxRetries: 3, ...conn });
  const pool = new Pool('tp', { ...POOL, healthMonitorIds: [mon.id], ...conn });
  const member = new Member('tmem', { poolId: pool.id, address: '10.0.0.1', protocolPort: 80, ...conn });
  const vip = new Vip('tv', { name: 'v', poolId: pool.id, subnet: 'local', protocol: 'HTTP', protocolPort: 80, ...conn });
  t.is(await valueOf(member.poolId), 'tp-id');
  t.is(await valueOf(vip.address), '10.0.0.99');
  t.is(await valueOf(pool.provisioningStatus), 'ACTIVE');
  t.is(await valueOf(member.inSync), true);
  t.deepEqual(await valueOf(pool.healthMonitorIds), ['tm-id']);
  t.is(last('tm').type, 'pulumi-nodejs:dynamic/lbaas:HealthMonitor');
  t.is(last('tp').type, 'pulumi-nodejs:dynamic/lbaas:Pool');
  t.is(last('tmem').type, 'pulumi-nodejs:dynamic/lbaas:Member');
  t.is(last('tv').type, 'pulumi-nodejs:dynamic/lbaas:Vip');
});

test('the serialized provider is small and captures no module (it loads its implementation at run time)', async (t) => {
  await valueOf(new Member('ser', { poolId: 'x', address: '10.0.0.1', protocolPort: 80, endpoint: 'http://x:1', token: 't' }).id);
  const text = last('ser').inputs.__provider as string;
  t.true(text.length < 8_000, `serialized provider is ${text.length} characters`);
  t.regex(text, /kind: "member"/);
  t.notRegex(text, /require\(/, 'no module captured by reference');
  t.notRegex(text, /zod|ZodType|got\.extend/, 'no library serialized by value');
});
