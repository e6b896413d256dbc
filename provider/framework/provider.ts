/**
 * What a provider implements: its own configuration schema, configure (which
 * returns the data every resource request then carries, e.g. an API client),
 * and its resources and data sources keyed by full type name.
 */
import type { ValueObject } from '../protocol/cty/value.js';
import type { DataSource } from './data-source.js';
import type { Diagnostics } from './diagnostics.js';
import type { Resource, ValidateConfigResponse } from './resource.js';
import type { Schema } from './schema.js';

export interface ConfigureRequest {
  /** May hold unknowns (a value from a resource not yet created). */
  readonly config: ValueObject;
  readonly terraformVersion: string;
  readonly signal: AbortSignal;
}
export interface ConfigureResponse<D> {
  providerData?: D;
  readonly diagnostics: Diagnostics;
}

export interface ProviderValidateConfigRequest {
  readonly config: ValueObject;
}

export interface Provider<D = unknown> {
  /** "lbaas": every resource and data source name starts with `lbaas_`. */
  readonly typeName: string;
  readonly version: string;
  readonly schema: Schema;
  readonly resources: Readonly<Record<string, Resource<D>>>;
  readonly dataSources: Readonly<Record<string, DataSource<D>>>;
  configure(req: ConfigureRequest, resp: ConfigureResponse<D>): Promise<void>;
  validateConfig?(req: ProviderValidateConfigRequest, resp: ValidateConfigResponse): void | Promise<void>;
  /** StopProvider (Ctrl-C): request signals are aborted first; clean up anything else here. */
  stop?(): Promise<void>;
}
