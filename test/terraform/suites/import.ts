/**
 * Objects created through the agent API, then adopted by Terraform:
 * `terraform import` of each resource type and an `import {}` block; the
 * plan afterwards has no changes. Also the data sources, and the import of
 * an id the agent does not have.
 */
import { randomLoopbackVip, freePort } from '../../harness/ports.js';
import { type CliName } from '../cli.js';
import { defineSuite } from '../suite.js';
import type { Workdir } from '../workdir.js';

const HEADER = `terraform {\n  required_providers {\n    lbaas = { source = "lbaas.local/lbaas/lbaas" }\n  }\n}\nprovider "lbaas" {}\n`;

export function importSuite(name: CliName): void {
  defineSuite(name, { backends: 2 }, (s) => {
    let w: Workdir;
    const ids: Record<string, string> = {};
    let hcl = '';

    s.test('terraform import of every resource type, then a plan with no changes', async (t) => {
      const c = s.agent.client;
      const vipAddress = randomLoopbackVip();
      const vipPort = await freePort();
      const [b1, b2] = s.backends;
      ids.monitor = ((await c.create('health_monitor', { type: 'HTTP', delay: 3, timeout: 2, max_retries: 2, url_path: '/health', expected_codes: '200-204' })) as { id: string }).id;
      ids.tcp = ((await c.create('health_monitor', { type: 'TCP', delay: 5, timeout: 5, max_retries: 1 })) as { id: string }).id;
      ids.pool = ((await c.create('pool', { name: `${name}-imported`, description: 'made by hand', protocol: 'HTTP', lb_method: 'LEAST_CONNECTIONS', subnet: 'local', health_monitor_ids: [ids.monitor] })) as { id: string }).id;
      ids.m1 = ((await c.create('member', { pool_id: ids.pool, address: '127.0.0.1', protocol_port: b1!.port, weight: 5 })) as { id: string }).id;
      ids.m2 = ((await c.create('member', { pool_id: ids.pool, address: '127.0.0.1', protocol_port: b2!.port, backup: true, admin_state_up: false })) as { id: string }).id;
      ids.vip = ((await c.create('vip', { name: 'imported', pool_id: ids.pool, subnet: 'local', address: vipAddress, protocol: 'HTTP', protocol_port: vipPort, connection_limit: 100, session_persistence: { type: 'APP_COOKIE', cookie_name: 'SESSION' } }, { waitSeconds: 15 })) as { id: string }).id;

      hcl = `${HEADER}
resource "lbaas_health_monitor" "http" {
  type           = "HTTP"
  delay          = 3
  timeout        = 2
  max_retries    = 2
  url_path       = "/health"
  expected_codes = "200-204"
}
resource "lbaas_pool" "p" {
  name               = "${name}-imported"
  description        = "made by hand"
  protocol           = "HTTP"
  lb_method          = "LEAST_CONNECTIONS"
  subnet             = "local"
  health_monitor_ids = [lbaas_health_monitor.http.id]
}
resource "lbaas_member" "m1" {
  pool_id       = lbaas_pool.p.id
  address       = "127.0.0.1"
  protocol_port = ${b1!.port}
  weight        = 5
}
resource "lbaas_member" "m2" {
  pool_id        = lbaas_pool.p.id
  address        = "127.0.0.1"
  protocol_port  = ${b2!.port}
  backup         = true
  admin_state_up = false
}
resource "lbaas_vip" "v" {
  name             = "imported"
  pool_id          = lbaas_pool.p.id
  subnet           = "local"
  address          = "${vipAddress}"
  protocol         = "HTTP"
  protocol_port    = ${vipPort}
  connection_limit = 100
  session_persistence {
    type        = "APP_COOKIE"
    cookie_name = "SESSION"
  }
}
`;
      w = s.workdir();
      w.write('main.tf', hcl);
      await w.init();
      for (const [address, id] of [
        ['lbaas_health_monitor.http', ids.monitor],
        ['lbaas_pool.p', ids.pool],
        ['lbaas_member.m1', ids.m1],
        ['lbaas_member.m2', ids.m2],
        ['lbaas_vip.v', ids.vip],
      ] as const) {
        const r = await w.ok(['import', '-no-color', '-input=false', address, id!]);
        t.regex(r.out, /Import successful/, address);
      }
      const p = await w.plan();
      t.is(p.code, 0, p.out);
      const st = await w.state();
      t.like(st.get('lbaas_vip.v'), { id: ids.vip, session_persistence: { type: 'APP_COOKIE', cookie_name: 'SESSION' }, in_sync: true });
      t.like(st.get('lbaas_member.m2'), { backup: true, admin_state_up: false, weight: 1 });
    });

    s.test('an import {} block adopts an object in plan and apply', async (t) => {
      hcl += `
import {
  to = lbaas_health_monitor.tcp
  id = "${ids.tcp}"
}
resource "lbaas_health_monitor" "tcp" {
  type        = "TCP"
  delay       = 5
  timeout     = 5
  max_retries = 1
}
`;
      w.write('main.tf', hcl);
      const p = await w.plan();
      t.is(p.code, 2, p.out);
      t.regex(p.out, /1 to import, 0 to add, 0 to change, 0 to destroy/);
      const r = await w.apply();
      t.regex(r.out, /1 imported, 0 added, 0 changed, 0 destroyed/);
      hcl = hcl.replace(/import \{[^}]*\}\n/, '');
      w.write('main.tf', hcl);
      t.is((await w.plan()).code, 0);
    });

    s.test("replacing a monitor the pool uses: the old one is detached and deleted, the pool updated in place", async (t) => {
      hcl = hcl.replace('type           = "HTTP"', 'type           = "HTTPS"');
      w.write('main.tf', hcl);
      const oldId = ids.monitor!;
      const r = await w.apply();
      t.regex(r.out, /1 added, 1 changed, 1 destroyed/);
      const st = await w.state();
      const newId = st.get('lbaas_health_monitor.http')!.id as string;
      t.not(newId, oldId);
      t.is(await s.agent.client.get('health_monitor', oldId), null);
      t.like(await s.agent.client.get('pool', ids.pool!), { health_monitor_ids: [newId] });
      t.is((await w.plan()).code, 0);
      ids.monitor = newId;
    });

    s.test('the pool and agent data sources', async (t) => {
      w.write(
        'data.tf',
        `data "lbaas_pool" "by_name" {\n  name = "${name}-imported"\n}\ndata "lbaas_pool" "by_id" {\n  id = lbaas_pool.p.id\n}\ndata "lbaas_agent" "this" {}\n` +
          `output "pool_id" {\n  value = data.lbaas_pool.by_name.id\n}\noutput "members" {\n  value = length(data.lbaas_pool.by_id.member_ids)\n}\n` +
          `output "driver" {\n  value = data.lbaas_agent.this.driver\n}\noutput "networks" {\n  value = [for n in data.lbaas_agent.this.networks : n.name]\n}\n`,
      );
      await w.apply();
      const out = await w.outputs();
      t.like(out, { pool_id: ids.pool, members: 2, driver: 'local' });
      t.true((out.networks as string[]).includes('local'));
    });

    s.test('importing an id the agent does not have fails clearly', async (t) => {
      w.write('extra.tf', 'resource "lbaas_member" "ghost" {\n  pool_id       = lbaas_pool.p.id\n  address       = "127.0.0.2"\n  protocol_port = 9\n}\n');
      const r = await w.run(['import', '-no-color', '-input=false', 'lbaas_member.ghost', '00000000-0000-4000-8000-00000000dead']);
      t.is(r.code, 1, r.out);
      t.regex(r.out, /Cannot import non-existent remote object/);
      w.write('extra.tf', '');
    });

    s.test('an error of the agent at apply is reported on the attribute it names', async (t) => {
      w.write('extra.tf', `resource "lbaas_vip" "wrong" {\n  name          = "wrong"\n  pool_id       = lbaas_pool.p.id\n  subnet        = "local"\n  protocol      = "TCP"\n  protocol_port = 9\n}\n`);
      const r = await w.run(['apply', '-auto-approve', '-no-color', '-input=false']);
      t.is(r.code, 1, r.out);
      t.regex(r.out, /Cannot create lbaas_vip/);
      t.regex(r.out, /with lbaas_vip\.wrong,[\s\S]*protocol\s+= "TCP"/, 'Terraform quotes the protocol line');
      w.write('extra.tf', '');
    });

    s.test('a provider endpoint known only at apply time (from another resource) works', async (t) => {
      const u = s.workdir();
      u.write(
        'main.tf',
        `terraform {\n  required_providers {\n    lbaas = { source = "lbaas.local/lbaas/lbaas" }\n  }\n}\n` +
          `resource "terraform_data" "endpoint" {\n  input = "${s.agent.endpoint}"\n}\n` +
          `provider "lbaas" {\n  endpoint = terraform_data.endpoint.output\n}\n` +
          `resource "lbaas_health_monitor" "late" {\n  type        = "TCP"\n  delay       = 2\n  timeout     = 1\n  max_retries = 1\n}\n`,
      );
      await u.init();
      const p = await u.plan();
      t.is(p.code, 2, p.out);
      const r = await u.apply();
      t.regex(r.out, /2 added/);
      t.is((await u.plan()).code, 0);
      await u.destroy();
    });

    s.test('destroy removes the adopted objects', async (t) => {
      await w.destroy();
      for (const k of ['pool', 'member', 'vip', 'health_monitor'] as const) t.deepEqual(await s.agent.client.list(k), [], k);
    });
  });
}
