/**
 * The production examples in examples/agent/ stay true: the config file is
 * valid for the agent (the same schema it is checked with at start), and the
 * systemd unit's command line is one the agent accepts, with the settings
 * the README explains (OVS dependency, restart on failure, KillMode=process).
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AgentConfig } from '../../schema/network.js';
import { parseOptions } from '../../agent/options.js';

const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../../examples/agent/${name}`, import.meta.url)), 'utf8');

test('examples/agent/config.json is a valid agent config with every network field', (t) => {
  const cfg = AgentConfig.parse(JSON.parse(example('config.json')));
  t.true(cfg.networks.length > 0);
  for (const n of cfg.networks) {
    for (const field of ['bridge', 'vlan', 'cidr', 'gateway', 'allocation_range', 'mtu'] as const) t.not(n[field], undefined, `${n.name}.${field}`);
  }
});

test('examples/agent/lbaas-agent.service starts the agent with options it accepts and keeps HAProxy on restart', (t) => {
  const unit = example('lbaas-agent.service');
  const directive = (key: string) => [...unit.matchAll(new RegExp(`^${key}=(.*)$`, 'gm'))].map((m) => m[1]!.trim());
  t.true(directive('Requires').some((v) => v.includes('openvswitch-switch.service')));
  t.true(directive('After').some((v) => v.includes('openvswitch-switch.service')));
  t.deepEqual(directive('Restart'), ['on-failure']);
  t.deepEqual(directive('KillMode'), ['process']);
  t.deepEqual(directive('PrivateMounts'), [], 'a private mount namespace would hide /run/netns');
  const [exec] = directive('ExecStart');
  const argv = exec!.split(/\s+/);
  t.is(argv[1], '/opt/lbaas/dist/agent/cli.js');
  const opts = parseOptions(argv.slice(2));
  t.like(opts, { driver: 'netns', configFile: '/etc/lbaas/agent.json', stateDir: '/var/lib/lbaas', host: '127.0.0.1', port: 9696 });
});
