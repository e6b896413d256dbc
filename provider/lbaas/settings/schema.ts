/** The `provider "lbaas" {}` block. Every setting also comes from an environment variable. */
import { CONNECTION_ENV, DEFAULT_ENDPOINT } from '../../../client/connection.js';
import { type Schema, t } from '../../framework/index.js';

export { DEFAULT_ENDPOINT } from '../../../client/connection.js';

export const ENV = {
  ...CONNECTION_ENV,
  /** Default of every operation timeout. */
  timeout: 'LBAAS_TIMEOUT',
  create: 'LBAAS_TIMEOUT_CREATE',
  update: 'LBAAS_TIMEOUT_UPDATE',
  delete: 'LBAAS_TIMEOUT_DELETE',
} as const;

export const DEFAULT_TIMEOUT = '5m';

const duration = (op: string, env: string) =>
  ({
    type: t.string,
    optional: true,
    description: `How long ${op} waits for the agent to make the change live on the data plane, e.g. "90s", "5m", "1h" (default $${env}, else $${ENV.timeout}, else ${DEFAULT_TIMEOUT}).`,
  }) as const;

export const providerSchema: Schema = {
  description: 'lbaas: load balancers (HAProxy per pool) managed through a local lbaas-agent.',
  attributes: {
    endpoint: {
      type: t.string,
      optional: true,
      description: `URL of the lbaas-agent API (default $${ENV.endpoint}, else ${DEFAULT_ENDPOINT}).`,
    },
    endpoints: {
      type: t.list(t.string),
      optional: true,
      description: `URLs of several agents of one cluster, tried in order: the provider moves to the next when one does not answer or answers 503 (default $${ENV.endpoints}, comma separated). Wins over endpoint.`,
    },
    token: {
      type: t.string,
      optional: true,
      sensitive: true,
      description: `API token (default $${ENV.token}). Conflicts with token_file.`,
    },
    token_file: {
      type: t.string,
      optional: true,
      description: `File holding the API token, e.g. <agent state dir>/token (default $${ENV.tokenFile}, else the agent's default state dir).`,
    },
  },
  blocks: {
    timeouts: {
      description: 'Operation timeouts: how long an apply waits for the agent to converge.',
      attributes: {
        create: duration('a create', ENV.create),
        update: duration('an update', ENV.update),
        delete: duration('a delete', ENV.delete),
      },
    },
  },
};
