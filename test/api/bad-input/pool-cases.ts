import { NOT_THERE, pool, type BadCase } from './case.js';

export const poolCases: BadCase[] = [
  { name: 'pool name of the wrong type', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 123 }), status: 400, field: 'name' },
  { name: 'pool name missing', method: 'POST', path: () => '/v1/pools', body: () => ({ protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local' }), status: 400, field: 'name' },
  { name: 'pool name empty', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: '' }), status: 400, field: 'name' },
  { name: 'pool name of 256 characters', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 'x'.repeat(256) }), status: 400, field: 'name' },
  { name: 'pool name with a newline', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 'a\nbind :1' }), status: 400, field: 'name' },
  { name: 'pool name with a BEL control character', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 'a\u0007b' }), status: 400, field: 'name' },
  { name: 'pool name with a C1 control character (NEL)', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 'a\u0085b' }), status: 400, field: 'name' },
  { name: 'pool name with a Unicode line separator', method: 'POST', path: () => '/v1/pools', body: () => pool({ name: 'a\u2028b' }), status: 400, field: 'name' },
  { name: 'pool description with CR LF', method: 'POST', path: () => '/v1/pools', body: () => pool({ description: 'a\r\nb' }), status: 400, field: 'description' },
  { name: 'pool description with DEL', method: 'POST', path: () => '/v1/pools', body: () => pool({ description: 'a\u007fb' }), status: 400, field: 'description' },
  { name: 'pool protocol UDP', method: 'POST', path: () => '/v1/pools', body: () => pool({ protocol: 'UDP' }), status: 400, field: 'protocol' },
  { name: 'pool protocol in lower case', method: 'POST', path: () => '/v1/pools', body: () => pool({ protocol: 'http' }), status: 400, field: 'protocol' },
  { name: 'pool lb_method RANDOM', method: 'POST', path: () => '/v1/pools', body: () => pool({ lb_method: 'RANDOM' }), status: 400, field: 'lb_method' },
  { name: 'pool unknown field', method: 'POST', path: () => '/v1/pools', body: () => pool({ colour: 'blue' }), status: 400, field: 'colour' },
  { name: 'pool computed field in a create', method: 'POST', path: () => '/v1/pools', body: () => pool({ vip_id: NOT_THERE }), status: 400, field: 'vip_id' },
  { name: 'pool id in a create', method: 'POST', path: () => '/v1/pools', body: () => pool({ id: NOT_THERE }), status: 400, field: 'id' },
  { name: 'pool unknown subnet', method: 'POST', path: () => '/v1/pools', body: () => pool({ subnet: 'nowhere' }), status: 400, field: 'subnet' },
  { name: 'pool subnet not a network name', method: 'POST', path: () => '/v1/pools', body: () => pool({ subnet: 'Bad Net!' }), status: 400, field: 'subnet' },
  { name: 'pool admin_state_up as a string', method: 'POST', path: () => '/v1/pools', body: () => pool({ admin_state_up: 'yes' }), status: 400, field: 'admin_state_up' },
  { name: 'pool unknown health monitor id', method: 'POST', path: () => '/v1/pools', body: () => pool({ health_monitor_ids: [NOT_THERE] }), status: 422, field: 'health_monitor_ids[0]' },
  { name: 'pool health monitor id not a UUID', method: 'POST', path: () => '/v1/pools', body: () => pool({ health_monitor_ids: ['hm1'] }), status: 400, field: 'health_monitor_ids[0]' },
  { name: 'pool health_monitor_ids not an array', method: 'POST', path: () => '/v1/pools', body: () => pool({ health_monitor_ids: 'x' }), status: 400, field: 'health_monitor_ids' },
  {
    name: 'pool duplicate health monitor ids',
    method: 'POST',
    path: () => '/v1/pools',
    body: (c) => pool({ health_monitor_ids: [c.monitorId, c.monitorId] }),
    status: 400,
    field: 'health_monitor_ids',
  },
  { name: 'PUT pool protocol (force-new)', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ protocol: 'TCP' }), status: 400, field: 'protocol' },
  { name: 'PUT pool subnet (force-new)', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ subnet: 'other' }), status: 400, field: 'subnet' },
  { name: 'PUT pool vip_id (computed)', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ vip_id: NOT_THERE }), status: 400, field: 'vip_id' },
  { name: 'PUT pool provisioning_status (computed)', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ provisioning_status: 'ERROR' }), status: 400, field: 'provisioning_status' },
  { name: 'PUT pool revision (computed)', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ revision: 99 }), status: 400, field: 'revision' },
  { name: 'PUT pool name null', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ name: null }), status: 400, field: 'name' },
  { name: 'PUT pool unknown field', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ name: 'ok', colour: 'red' }), status: 400, field: 'colour' },
  {
    name: 'PUT pool unknown health monitor',
    method: 'PUT',
    path: (c) => `/v1/pools/${c.poolId}`,
    body: (c) => ({ health_monitor_ids: [c.monitorId, NOT_THERE] }),
    status: 422,
    field: 'health_monitor_ids[1]',
  },
  { name: 'PUT pool lb_method wrong', method: 'PUT', path: (c) => `/v1/pools/${c.poolId}`, body: () => ({ lb_method: 'WEIGHTED' }), status: 400, field: 'lb_method' },
  {
    name: 'DELETE a pool that still has a VIP and members',
    method: 'DELETE',
    path: (c) => `/v1/pools/${c.poolId}`,
    status: 409,
    check: (p, c) => {
      const ids = (p.referrers ?? []).map((r) => `${r.kind}:${r.id}`).sort();
      const want = [`vip:${c.vipId}`, ...c.memberIds.map((m) => `member:${m}`)].sort();
      if (JSON.stringify(ids) !== JSON.stringify(want)) return `referrers ${JSON.stringify(ids)} != ${JSON.stringify(want)}`;
      return want.every((w) => p.detail.includes(w.split(':')[1]!)) ? undefined : `detail does not name every referrer: ${p.detail}`;
    },
  },
];
