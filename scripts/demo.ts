/**
 * The demo: an agent, three backends, one load balancer, and requests through
 * it. Leaves everything running until Ctrl-C so you can curl it yourself;
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

  const monitor = (await c.create('health_monitor', { type: 'HTTP', delay: 2, timeout: 1, max_retries: 2, url_path: '/' })) as { id: string };
  const pool = (await c.create('pool', { name: 'demo', protocol: 'HTTP', lb_method: 'ROUND_ROBIN', subnet: 'local', health_monitor_ids: [monitor.id] })) as { id: string };
  const members: string[] = [];
  for (const b of backends) members.push(((await c.create('member', { pool_id: pool.id, address: '127.0.0.1', protocol_port: b.port })) as { id: string }).id);
  const vipPort = await freePort();
  const vip = (await c.create('vip', { name: 'demo', pool_id: pool.id, subnet: 'local', protocol: 'HTTP', protocol_port: vipPort }, { waitSeconds: 15 })) as { address: string; provisioning_status: string };
  const url = `http://${vip.address}:${vipPort}/`;
  console.log(`\nload balancer ${url} (${vip.provisioning_status})\n`);

  const counts = new Map<string, number>();
  for (let i = 0; i < 12; i++) {
    const a = await request(vip.address, vipPort);
    counts.set(a.backend ?? `HTTP ${a.status}`, (counts.get(a.backend ?? `HTTP ${a.status}`) ?? 0) + 1);
  }
  console.log('12 requests through the VIP:');
  for (const [b, n] of counts) console.log(`  ${b.padEnd(8)} ${'#'.repeat(n)} ${n}`);

  const cleanup = async () => {
    await c.delete('pool', pool.id, { cascade: true, waitSeconds: 10 });
    await c.delete('health_monitor', monitor.id);
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

main().catch((err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
