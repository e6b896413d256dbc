/**
 * Validate{Provider,Resource,DataResource}Config and ConfigureProvider.
 * Attribute validators run on known, non-null values (config may hold
 * unknowns even during `terraform validate`), then the object's own check.
 */
import { getAttr, isObject, isWhollyKnown, type ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics } from '../diagnostics.js';
import { type AttrPath, formatPath } from '../path.js';
import type { ConfigureResponse } from '../provider.js';
import type { ValidateConfigResponse } from '../resource.js';
import type { Block } from '../schema.js';
import { type FrameworkServer, guard } from './server.js';

export async function runValidators(block: Block, config: ValueObject, root: ValueObject, path: AttrPath, diags: Diagnostics): Promise<void> {
  for (const [name, attr] of Object.entries(block.attributes)) {
    const v = getAttr(config, name);
    const p = [...path, name];
    if (v !== null && isWhollyKnown(v)) {
      for (const val of attr.validators ?? []) {
        await guard(diags, `Validator failed for ${formatPath(p)}`, () => val.validate({ path: p, value: v, config: root }, diags));
      }
    }
    if (attr.attributes && isObject(v)) await runValidators({ attributes: attr.attributes }, v, root, p, diags);
  }
  for (const [name, nb] of Object.entries(block.blocks ?? {})) {
    const v = getAttr(config, name);
    if (isObject(v)) await runValidators(nb, v, root, [...path, name], diags);
  }
}

export async function validateResourceConfig<D>(server: FrameworkServer<D>, typeName: string, config: ValueObject | null): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const entry = server.resource(typeName, diagnostics);
  if (!entry || !config) return diagnostics;
  await runValidators(entry.schema, config, config, [], diagnostics);
  const resp: ValidateConfigResponse = { diagnostics };
  if (entry.impl.validateConfig) await guard(diagnostics, 'Error validating the configuration', () => entry.impl.validateConfig!({ ...server.base(typeName), config }, resp));
  return diagnostics;
}

export async function validateDataSourceConfig<D>(server: FrameworkServer<D>, typeName: string, config: ValueObject | null): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const entry = server.dataSource(typeName, diagnostics);
  if (!entry || !config) return diagnostics;
  await runValidators(entry.schema, config, config, [], diagnostics);
  const resp: ValidateConfigResponse = { diagnostics };
  if (entry.impl.validateConfig) await guard(diagnostics, 'Error validating the configuration', () => entry.impl.validateConfig!({ ...server.base(typeName), config }, resp));
  return diagnostics;
}

export async function validateProviderConfig<D>(server: FrameworkServer<D>, config: ValueObject | null): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const cfg = config ?? {};
  await runValidators(server.provider.schema, cfg, cfg, [], diagnostics);
  const p = server.provider;
  if (p.validateConfig) await guard(diagnostics, 'Error validating the provider configuration', () => p.validateConfig!({ config: cfg }, { diagnostics }));
  return diagnostics;
}

export async function configureProvider<D>(server: FrameworkServer<D>, config: ValueObject | null, terraformVersion: string): Promise<Diagnostics> {
  const diagnostics = new Diagnostics();
  const resp: ConfigureResponse<D> = { diagnostics };
  await guard(diagnostics, 'Error configuring the provider', () =>
    server.provider.configure({ config: config ?? {}, terraformVersion, signal: server.signal }, resp),
  );
  server.providerData = resp.providerData;
  return diagnostics;
}
