/** `lbaas agent list` and `lbaas pool stats`. */
import type { Command } from 'commander';
import { clientOf, print } from '../context.js';
import { renderList, renderOne, type OutputFlags } from '../output.js';
import { withOutput } from './output-options.js';

const AGENT_COLUMNS = ['agent_id', 'alive', 'admin_state_up', 'availability_zone', 'driver', 'version', 'pool_count', 'heartbeat_at'];
const SINGLE_COLUMNS = ['endpoint', 'version', 'driver', 'haproxy_version', 'networks'];
const STATS_COLUMNS = ['member_id', 'status', 'weight', 'current_sessions', 'total_sessions', 'bytes_in', 'bytes_out', 'connection_errors', 'check_status'];

export function addAgentCommand(program: Command): void {
  const agent = program.command('agent').description('the agents serving the API');
  withOutput(agent.command('list').description('agents of the cluster (a single agent lists itself)')).action(async (o: OutputFlags, c: Command) => {
    const client = clientOf(c);
    const agents = await client.agents();
    if (agents) {
      print(renderList(agents, o, AGENT_COLUMNS.filter((k) => agents.some((a) => k in a))));
      return;
    }
    // Not in cluster mode: the agent that answered is the only one.
    const info = await client.agent();
    const row = { endpoint: client.endpoint, ...info, networks: info.networks.map((n) => n.name) };
    print(renderList([row], o, SINGLE_COLUMNS));
  });
}

export function addStatsCommand(pool: Command): void {
  withOutput(pool.command('stats').description("live HAProxy counters of a pool and its members").argument('<pool-id>')).action(
    async (id: string, o: OutputFlags, c: Command) => {
      const stats = (await clientOf(c).poolStats(id)) as Record<string, unknown> & { members?: Record<string, unknown>[] };
      if (o.format === 'json' || o.format === 'yaml') {
        print(renderOne(stats, o));
        return;
      }
      const { members = [], pool_id: _p, ...total } = stats;
      print(renderList([{ member_id: '(pool)', ...total }, ...members], o, STATS_COLUMNS));
    },
  );
}
