/** The agent config file, validated with the shared schema at start: a bad file stops the agent with the field named. */
import { readFileSync } from 'node:fs';
import { AgentConfig } from '../schema/network.js';
import { zodIssues } from '../schema/resources.js';
import { fieldPath } from './errors.js';

export class ConfigError extends Error {
  readonly code = 'BAD_CONFIG';
}

export function loadConfig(file: string | undefined): AgentConfig {
  if (!file) return { networks: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${(err as Error).message}`, { cause: err });
  }
  const r = AgentConfig.safeParse(raw);
  if (!r.success) {
    const msgs = zodIssues(r.error).map((i) => `${fieldPath(i.path) || '(root)'}: ${i.message}`);
    throw new ConfigError(`invalid config ${file}: ${msgs.join('; ')}`);
  }
  return r.data;
}
