/** data "lbaas_pool": one pool, by id or by (unique) name. */
import { RESOURCES } from '../../../schema/resources.js';
import { type DataSource, getAttr, type Schema } from '../../framework/index.js';
import { deriveDataSourceSchema } from '../tfschema/derive.js';
import { stateFromObject } from '../tfschema/values.js';
import { reportApiError } from '../resources/errors.js';
import { apiOf, type ProviderData } from '../resources/provider-data.js';

const schema: Schema = deriveDataSourceSchema(RESOURCES.pool, ['id', 'name'], { sets: ['health_monitor_ids'] });

export const poolDataSource: DataSource<ProviderData> = {
  schema,
  validateConfig(req, resp) {
    const id = getAttr(req.config, 'id');
    const name = getAttr(req.config, 'name');
    if (id === null && name === null) resp.diagnostics.error('Missing pool lookup', 'Set id or name.', ['id']);
    if (typeof id === 'string' && typeof name === 'string') resp.diagnostics.error('Conflicting pool lookup', 'Set id or name, not both.', ['name']);
  },
  async read(req, resp) {
    const api = apiOf(req.providerData, resp.diagnostics);
    if (!api) return;
    const id = getAttr(req.config, 'id');
    const name = getAttr(req.config, 'name');
    try {
      let pool: Record<string, unknown> | null;
      if (typeof id === 'string') {
        pool = await api.client.get('pool', id);
        if (!pool) {
          resp.diagnostics.error('No such pool', `The agent has no pool with id ${id}.`, ['id']);
          return;
        }
      } else {
        const matches = (await api.client.list('pool')).filter((p) => p.name === name);
        if (matches.length !== 1) {
          resp.diagnostics.error(
            matches.length ? 'Ambiguous pool name' : 'No such pool',
            matches.length ? `${matches.length} pools are named ${JSON.stringify(name)} (${matches.map((p) => p.id).join(', ')}); look it up by id.` : `The agent has no pool named ${JSON.stringify(name)}.`,
            ['name'],
          );
          return;
        }
        pool = matches[0]!;
      }
      resp.state = stateFromObject(schema, pool);
    } catch (e) {
      reportApiError(resp.diagnostics, 'Cannot read pool', e, schema, api.endpoint);
    }
  },
};
