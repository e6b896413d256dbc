/** 50 members of one pool created with -parallelism=10: the agent queues and coalesces, nobody gets a conflict. */
import { freePort, randomLoopbackVip } from '../../harness/ports.js';
import { type CliName } from '../cli.js';
import { defineSuite } from '../suite.js';

const MEMBERS = 50;

export function scaleSuite(name: CliName): void {
  defineSuite(name, {}, (s) => {
    s.test(`-parallelism=10 with ${MEMBERS} members in one pool: all created, no conflict errors`, async (t) => {
      const w = s.workdir();
      w.write(
        'main.tf',
        `terraform {
  required_providers {
    lbaas = { source = "lbaas.local/lbaas/lbaas" }
  }
}
provider "lbaas" {}
resource "lbaas_pool" "big" {
  name      = "big"
  protocol  = "TCP"
  lb_method = "LEAST_CONNECTIONS"
  subnet    = "local"
}
resource "lbaas_vip" "big" {
  name          = "big"
  pool_id       = lbaas_pool.big.id
  subnet        = "local"
  address       = "${randomLoopbackVip()}"
  protocol      = "TCP"
  protocol_port = ${await freePort()}
}
resource "lbaas_member" "m" {
  count         = ${MEMBERS}
  pool_id       = lbaas_pool.big.id
  address       = "127.0.0.1"
  protocol_port = ${20000} + count.index
  weight        = 1 + count.index % 5
}
`,
      );
      await w.init();
      const r = await w.apply('-parallelism=10');
      t.log(`apply of ${MEMBERS + 2} resources with -parallelism=10: ${Math.round(r.ms)} ms`);
      t.regex(r.out, new RegExp(`Resources: ${MEMBERS + 2} added, 0 changed, 0 destroyed`));
      t.notRegex(r.out, /Error:|Warning:|conflict|precondition|still referenced/i);
      t.is(r.stderr.trim(), '', 'nothing on stderr');
      const members = await s.agent.client.list('member');
      t.is(members.length, MEMBERS);
      t.true(members.every((m) => m.provisioning_status === 'ACTIVE'));
      const p = await w.plan('-parallelism=10');
      t.is(p.code, 0, p.out);
      t.log(`plan (refresh of ${MEMBERS + 2}): ${Math.round(p.ms)} ms`);
      const d = await w.destroy('-parallelism=10');
      t.regex(d.out, new RegExp(`Resources: ${MEMBERS + 2} destroyed`));
      t.deepEqual(await s.agent.client.list('member'), []);
      t.deepEqual(await s.agent.client.list('pool'), []);
    });
  });
}
