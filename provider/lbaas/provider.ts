/**
 * The lbaas provider: settings (block, environment, defaults), the four
 * resources derived from schema/, and the pool and agent data sources.
 */
import type { Provider } from '../framework/index.js';
import { agentDataSource } from './data-sources/agent.js';
import { poolDataSource } from './data-sources/pool.js';
import { newClient, type ProviderData } from './resources/provider-data.js';
import { lbaasResource } from './resources/resource.js';
import { providerSchema } from './settings/schema.js';
import { checkConfig, resolveSettings } from './settings/settings.js';
import { PROVIDER_TYPE, PROVIDER_VERSION } from './version.js';

export const provider: Provider<ProviderData> = {
  typeName: PROVIDER_TYPE,
  version: PROVIDER_VERSION,
  schema: providerSchema,
  resources: {
    lbaas_pool: lbaasResource('pool'),
    lbaas_member: lbaasResource('member'),
    lbaas_vip: lbaasResource('vip'),
    lbaas_health_monitor: lbaasResource('health_monitor'),
  },
  dataSources: {
    lbaas_pool: poolDataSource,
    lbaas_agent: agentDataSource,
  },
  validateConfig(req, resp) {
    checkConfig(req.config, resp.diagnostics);
  },
  async configure(req, resp) {
    const r = resolveSettings(req.config, resp.diagnostics);
    if (!r) return;
    resp.providerData = r.ok ? { client: newClient(r.settings), settings: r.settings } : { unknown: r.unknown };
  },
};
