/**
 * The demo: an agent, three backends, one load balancer made by `terraform
 * apply` of examples/terraform/basic, and requests through it. Leaves everything running until Ctrl-C so you can curl it yourself;
 * `--once` cleans up and exits (what CI runs).
 */
import { execa } from 'execa';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LbaasClient } from '../client/index.js';
import { startBackend } from '../test/harness/backends.js';
import { request } from '../test/harness/http.js';
import { freePort } from '../test/harness/ports.js';
import { findCli } from '../test/terraform/cli.js';
// /usr/sbin (haproxy for a user), ~/go/bin (terraform) on PATH for the agent and terraform the demo starts.
import '../test/harness/tool-path.js';
import { applyBasicExample } from './terraform-demo.js';

const once = process.argv.includes('--once');
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const stateDir = path.join(root, '.demo', 'state');

async function main(): Promise<void> {
  mkdirSync(stateDir, { recursive: true });
  const port = await freePort();
  const agent = execa('node', [path.join(root, 'dist/agent/cli.js'), '--driver', 'local', '--state-dir', stateDir, '--listen', `127.0.0.1:${port}`], {
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
  });
  let log = '';
  agent.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  while (!log.includes('"listening"')) {
    if (agent.exitCode !== null) throw new Error(`agent did not start:\n${log}`);
    await sleep(50);
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const token = readFileSync(path.join(stateDir, 'token'), 'utf8').trim();
  const c = new LbaasClient({ endpoint, token });
  console.log(`agent     ${endpoint} (token in ${path.join(stateDir, 'token')})`);

  const backends = await Promise.all(['alpha', 'beta', 'gamma'].map((n) => startBackend(n)));
  for (const b of backends) console.log(`backend   ${b.name} on 127.0.0.1:${b.port}`);

  const vipPort = await freePort();
  const lb = await createLoadBalancer(endpoint, token, c, backends.map((b) => b.port), vipPort);
  const url = `http://${lb.address}:${vipPort}/`;
  console.log(`\nload balancer ${url} (created with ${lb.how})\n`);

  const counts = new Map<string, number>();
  for (let i = 0; i < 12; i++) {
    const a = await request(lb.address, vipPort);
    counts.set(a.backend ?? `HTTP ${a.status}`, (counts.get(a.backend ?? `HTTP ${a.status}`) ?? 0) + 1);
  }
  console.log('12 requests through the VIP:');
  for (const [b, n] of counts) console.log(`  ${b.padEnd(8)} ${'#'.repeat(n)} ${n}`);

  const cleanup = async () => {
    await lb.destroy();
    agent.kill('SIGTERM');
    await agent;
    await Promise.all(backends.map((b) => b.close()));
  };
  if (once) {
    await cleanup();
    if (counts.size !== 3) throw new Error('requests did not reach all three backends');
    return;
  }
  console.log(`\nTry: curl ${url}\n     curl -H "Authorization: Bearer $(cat ${path.join(stateDir, 'token')})" ${endpoint}/v1/members\nCtrl-C removes the load balancer and stops everything.`);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  await cleanup();
}

interface DemoLb {
  address: string;
  how: string;
  destroy(): Promise<void>;
}

/** `terraform apply` of examples/terraform/basic when Terraform is installed, else the same objects through the API. */
async function createLoadBalancer(endpoint: string, token: string, c: LbaasClient, ports: number[], vipPort: number): Promise<DemoLb> {
  if (findCli('terraform')) {
    console.log('terraform apply of examples/terraform/basic ...');
    const tf = await applyBasicExample({ endpoint, token, backendPorts: ports, vipPort });
    return { address: tf.outputs.vip_address, how: 'terraform apply of examples/terraform/basic', destroy: () => tf.destroy() };
  }
  console.log('terraform is not installed: creating the same load balancer through the API');
  const monitor = (await c.create('health_monitor', { type: 'HTTP', delay: 2, timeout: 1, max_retries: 3, url_path: '/' })) as { id: string };
  const pool = (await c.create('pool', { name: 'web', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', health_monitor_ids: [monitor.id] })) as { id: string };
  for (const port of ports) await c.create('member', { pool_id: pool.id, address: '127.0.0.1', protocol_port: port });
  const vip = (await c.create(
    'vip',
    { name: 'web', pool_id: pool.id, subnet: 'local', protocol: 'HTTP', protocol_port: vipPort, session_persistence: { type: 'HTTP_COOKIE' } },
    { waitSeconds: 15 },
  )) as { address: string };
  return {
    address: vip.address,
    how: 'the agent API',
    destroy: async () => {
      await c.delete('pool', pool.id, { cascade: true, waitSeconds: 10 });
      await c.delete('health_monitor', monitor.id);
    },
  };
}

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
