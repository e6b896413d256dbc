/**
 * `lbaas <kind> list|show|create|set|delete` for pool, member, vip and
 * health-monitor, as `openstack loadbalancer` / `neutron lb-*` do it. Flags
 * of create and set are the schema's writable / updatable fields.
 */
import { Command, Option } from 'commander';
import { MAX_WAIT_S } from '../../schema/params.js';
import { KINDS, RESOURCES, type Kind } from '../../schema/resources.js';
import { settle, isPending, type AgentObject } from '../../client/settle.js';
import type { LbaasClient } from '../../client/index.js';
import { clientOf, print } from '../context.js';
import { NotLiveError } from '../errors.js';
import { bodyFrom, fieldOptions, UsageError, type FieldOption } from '../fields.js';
import { renderList, renderOne, type OutputFlags } from '../output.js';
import { withOutput } from './output-options.js';

/** CLI name of each kind. */
export const CLI_KIND: Record<Kind, string> = { pool: 'pool', member: 'member', vip: 'vip', health_monitor: 'health-monitor' };

/** Table columns of `list` (every field with -f json/yaml, or with -c). */
const LIST_COLUMNS: Record<Kind, string[]> = {
  pool: ['id', 'name', 'protocol', 'lb_method', 'subnet', 'admin_state_up', 'provisioning_status', 'operating_status'],
  member: ['id', 'pool_id', 'address', 'protocol_port', 'weight', 'admin_state_up', 'provisioning_status', 'operating_status'],
  vip: ['id', 'name', 'address', 'protocol_port', 'protocol', 'pool_id', 'provisioning_status', 'operating_status'],
  health_monitor: ['id', 'type', 'delay', 'timeout', 'max_retries', 'admin_state_up', 'provisioning_status'],
};

/** --wait [seconds]: no value = this long. */
const DEFAULT_WAIT_S = 60;

function waitSeconds(v: unknown): number | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return DEFAULT_WAIT_S;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--wait: expected a number of seconds, got ${JSON.stringify(v)}`);
  return n;
}

const waitOption = () => new Option('--wait [seconds]', `wait until the change is live on the data plane (default ${DEFAULT_WAIT_S} s)`);

function addFieldOptions(cmd: Command, options: FieldOption[]): void {
  for (const o of options) {
    const opt = new Option(`${o.flag} <${o.type === 'object' ? 'key=value,...' : o.type === 'array' ? 'a,b,...' : 'value'}>`, o.description);
    if (o.choices) opt.choices(o.choices);
    if (o.required) opt.makeOptionMandatory();
    cmd.addOption(opt);
  }
}

/** After a write: with --wait, poll until live; an object in ERROR or still pending is exit 4, after printing it. */
async function live(client: LbaasClient, kind: Kind, obj: AgentObject, wait: number | undefined, out: OutputFlags): Promise<void> {
  const done = wait === undefined ? obj : await settle(client, kind, obj, Date.now() + wait * 1000);
  print(renderOne(done, out));
  if (wait === undefined) return;
  if (done.provisioning_status === 'ERROR') throw new NotLiveError(`${CLI_KIND[kind]} ${done.id} is in ERROR: ${String(done.status_message ?? 'no reason given')}`);
  if (isPending(done)) throw new NotLiveError(`${CLI_KIND[kind]} ${done.id} is still ${String(done.provisioning_status)} after ${wait} s`);
}

function kindCommand(kind: Kind): Command {
  const def = RESOURCES[kind];
  const name = CLI_KIND[kind];
  const cmd = new Command(name).description(`${def.title} objects`);

  const list = withOutput(cmd.command('list').description(`list ${name}s`));
  if (kind === 'member') list.option('--pool-id <id>', 'only the members of this pool');
  list.action(async (o: OutputFlags & { poolId?: string }, c: Command) => {
    const items = await clientOf(c).list(kind, o.poolId ? { pool_id: o.poolId } : {});
    print(renderList(items as Record<string, unknown>[], o, LIST_COLUMNS[kind]));
  });

  withOutput(cmd.command('show').description(`show one ${name}`).argument('<id>')).action(async (id: string, o: OutputFlags, c: Command) => {
    const obj = await clientOf(c).get(kind, id);
    if (!obj) throw new Error(`no ${name} ${id}`);
    print(renderOne(obj as Record<string, unknown>, o));
  });

  const createOpts = fieldOptions(def, 'create');
  const create = withOutput(cmd.command('create').description(`create a ${name}`)).addOption(waitOption());
  addFieldOptions(create, createOpts);
  create.action(async (o: OutputFlags & Record<string, unknown>, c: Command) => {
    const client = clientOf(c);
    const wait = waitSeconds(o.wait);
    const obj = await client.create(kind, bodyFrom(createOpts, o), wait !== undefined ? { waitSeconds: Math.min(wait, MAX_WAIT_S) } : {});
    await live(client, kind, obj as AgentObject, wait, o);
  });

  const setOpts = fieldOptions(def, 'set');
  const set = withOutput(cmd.command('set').description(`change a ${name} in place`).argument('<id>'))
    .addOption(waitOption())
    .option('--if-match <revision>', 'only if the object is still at this revision (else 412)');
  addFieldOptions(set, setOpts);
  set.action(async (id: string, o: OutputFlags & Record<string, unknown>, c: Command) => {
    const body = bodyFrom(setOpts, o);
    if (!Object.keys(body).length) throw new UsageError(`nothing to set: give at least one of ${setOpts.map((x) => x.flag).join(', ')}`);
    const client = clientOf(c);
    const wait = waitSeconds(o.wait);
    const ifMatch = o.ifMatch === undefined ? undefined : Number(o.ifMatch);
    if (ifMatch !== undefined && !Number.isInteger(ifMatch)) throw new UsageError(`--if-match: expected a revision number, got ${JSON.stringify(o.ifMatch)}`);
    const obj = await client.update(kind, id, body, {
      ...(ifMatch !== undefined ? { ifMatch } : {}),
      ...(wait !== undefined ? { waitSeconds: Math.min(wait, MAX_WAIT_S) } : {}),
    });
    await live(client, kind, obj as AgentObject, wait, o);
  });

  cmd
    .command('delete')
    .description(`delete ${name}s`)
    .argument('<id...>')
    .option('--cascade', 'also delete what refers to it')
    .addOption(waitOption())
    .action(async (ids: string[], o: { cascade?: boolean; wait?: unknown }, c: Command) => {
      const client = clientOf(c);
      const wait = waitSeconds(o.wait);
      for (const id of ids) {
        const gone = await client.delete(kind, id, { ...(o.cascade ? { cascade: true } : {}), ...(wait !== undefined ? { waitSeconds: Math.min(wait, MAX_WAIT_S) } : {}) });
        if (!gone) throw new Error(`no ${name} ${id}`);
      }
    });
  return cmd;
}

export function resourceCommands(): Command[] {
  return KINDS.map(kindCommand);
}
