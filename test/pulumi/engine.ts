/**
 * Runs the Pulumi dynamic providers the way the engine and the dynamic
 * provider host do, without the CLI: each provider is serialized with
 * `pulumi.runtime.serializeFunction` (as `pulumi.dynamic.Resource` does) and
 * loaded back from that text with require-from-string (as
 * `@pulumi/pulumi/cmd/dynamic-provider` does); every value crosses a JSON
 * round trip, as it crosses gRPC Structs; check failures stop the step.
 */
import * as pulumi from '@pulumi/pulumi';
import { createRequire } from 'node:module';
import { PROVIDERS, type LbaasProvider } from '../../pulumi/provider/index.js';
import type { Kind } from '../../schema/resources.js';

/** The loader the dynamic provider host itself uses, resolved from the SDK (it is the SDK's dependency, not ours). */
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@pulumi/pulumi'));
const requireFromString = sdkRequire('require-from-string') as (code: string) => { handler: () => LbaasProvider };

type Props = Record<string, unknown>;

/** Like the Struct conversion of the gRPC messages: undefined dropped, plain JSON values. */
const wire = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export interface Engine {
  /** The serialized text stored in each resource's `__provider`. */
  serialized: string;
  provider: LbaasProvider;
  /** check, failing the test step on failures; returns the checked inputs. */
  check(news: Props, olds?: Props): Promise<Props>;
  /** check + create: id and outputs. */
  create(news: Props): Promise<{ id: string; outs: Props }>;
  read(id: string, outs: Props): Promise<pulumi.dynamic.ReadResult>;
  diff(id: string, outs: Props, checked: Props): Promise<pulumi.dynamic.DiffResult>;
  update(id: string, outs: Props, checked: Props): Promise<Props>;
  delete(id: string, outs: Props): Promise<void>;
}

export class CheckFailed extends Error {
  constructor(readonly failures: readonly pulumi.dynamic.CheckFailure[]) {
    super(`check failed: ${failures.map((f) => `${f.property}: ${f.reason}`).join('; ')}`);
  }
}

export async function engineFor(kind: Kind): Promise<Engine> {
  const sf = await pulumi.runtime.serializeFunction(() => PROVIDERS[kind], { allowSecrets: true });
  const provider = requireFromString(sf.text).handler();
  const withProvider = (p: Props) => ({ ...wire(p), __provider: sf.text });
  const e: Engine = {
    serialized: sf.text,
    provider,
    async check(news, olds = {}) {
      const r = await provider.check(withProvider(olds), withProvider(news));
      if (r.failures?.length) throw new CheckFailed(r.failures);
      return wire(r.inputs as Props);
    },
    async create(news) {
      const inputs = await e.check(news);
      const r = await provider.create(withProvider(inputs));
      return { id: r.id, outs: wire(r.outs as Props) };
    },
    async read(id, outs) {
      return wire(await provider.read(id, withProvider(outs)));
    },
    async diff(id, outs, checked) {
      return wire(await provider.diff(id, withProvider(outs), withProvider(checked)));
    },
    async update(id, outs, checked) {
      return wire((await provider.update(id, withProvider(outs), withProvider(checked))).outs as Props);
    },
    async delete(id, outs) {
      await provider.delete(id, withProvider(outs));
    },
  };
  return e;
}

export async function engines(): Promise<Record<Kind, Engine>> {
  const [pool, member, vip, health_monitor] = await Promise.all(
    (['pool', 'member', 'vip', 'health_monitor'] as const).map((k) => engineFor(k)),
  );
  return { pool: pool!, member: member!, vip: vip!, health_monitor: health_monitor! };
}
