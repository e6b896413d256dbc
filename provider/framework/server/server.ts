/**
 * The framework's per-process state: the provider, the value types of every
 * schema (computed once at start; a bad schema fails naming the resource),
 * what ConfigureProvider produced, and the stop signal.
 */
import type { ObjectType } from '../../protocol/cty/types.js';
import type { DataSource } from '../data-source.js';
import { diagnosticFromError, type Diagnostics } from '../diagnostics.js';
import type { Provider } from '../provider.js';
import type { Resource } from '../resource.js';
import { checkSchema, impliedType, type Schema } from '../schema.js';

export interface Typed<T> {
  readonly impl: T;
  readonly schema: Schema;
  readonly type: ObjectType;
}

export class FrameworkServer<D = unknown> {
  readonly providerType: ObjectType;
  readonly resources = new Map<string, Typed<Resource<D>>>();
  readonly dataSources = new Map<string, Typed<DataSource<D>>>();
  providerData: D | undefined;
  private readonly stopper = new AbortController();

  constructor(readonly provider: Provider<D>) {
    const problems: string[] = checkSchema(provider.schema).map((p) => `provider: ${p}`);
    const prefix = `${provider.typeName}_`;
    const add = <T extends { schema: Schema }>(kind: string, map: Map<string, Typed<T>>, entries: Record<string, T>) => {
      for (const [name, impl] of Object.entries(entries)) {
        if (!name.startsWith(prefix)) problems.push(`${kind} ${name}: name must start with ${prefix}`);
        problems.push(...checkSchema(impl.schema).map((p) => `${kind} ${name}: ${p}`));
        map.set(name, { impl, schema: impl.schema, type: impliedType(impl.schema) });
      }
    };
    add('resource', this.resources, provider.resources);
    add('data source', this.dataSources, provider.dataSources);
    if (problems.length) throw new Error(`invalid provider schema:\n  ${problems.join('\n  ')}`);
    this.providerType = impliedType(provider.schema);
  }

  get signal(): AbortSignal {
    return this.stopper.signal;
  }

  resource(typeName: string, diags: Diagnostics): Typed<Resource<D>> | undefined {
    const r = this.resources.get(typeName);
    if (!r) diags.error('Unknown resource type', `The provider ${this.provider.typeName} has no resource type "${typeName}".`);
    return r;
  }

  dataSource(typeName: string, diags: Diagnostics): Typed<DataSource<D>> | undefined {
    const r = this.dataSources.get(typeName);
    if (!r) diags.error('Unknown data source type', `The provider ${this.provider.typeName} has no data source "${typeName}".`);
    return r;
  }

  base(typeName: string) {
    return { typeName, providerData: this.providerData, signal: this.signal };
  }

  async stop(): Promise<void> {
    this.stopper.abort(new Error('Terraform asked the provider to stop'));
    await this.provider.stop?.();
  }
}

/** Runs provider code; whatever it throws becomes an error diagnostic. */
export async function guard(diags: Diagnostics, summary: string, fn: () => unknown): Promise<void> {
  try {
    await fn();
  } catch (e) {
    diags.add(diagnosticFromError(summary, e));
  }
}
