/** data "lbaas_agent": version, driver, networks and capabilities of the agent (GET /v1/agent). */
import { AgentInfo } from '../../../schema/agent-info.js';
import type { DataSource, Schema } from '../../framework/index.js';
import { computedAttributesOf } from '../tfschema/derive.js';
import { jsonSchemaOf } from '../tfschema/json-schema.js';
import { stateFromObject } from '../tfschema/values.js';
import { reportApiError } from '../resources/errors.js';
import { apiOf, type ProviderData } from '../resources/provider-data.js';

const schema: Schema = {
  description: 'The lbaas-agent the provider talks to.',
  attributes: { endpoint: { type: { kind: 'string' }, computed: true, description: 'URL of the agent API.' }, ...computedAttributesOf(jsonSchemaOf(AgentInfo), 'agent') },
};

export const agentDataSource: DataSource<ProviderData> = {
  schema,
  async read(req, resp) {
    const api = apiOf(req.providerData, resp.diagnostics);
    if (!api) return;
    try {
      resp.state = stateFromObject(schema, { ...(await api.client.agent()), endpoint: api.endpoint });
    } catch (e) {
      reportApiError(resp.diagnostics, 'Cannot read the agent', e, schema, api.endpoint);
    }
  },
};
