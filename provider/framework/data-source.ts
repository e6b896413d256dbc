/** What a data source implements: a schema and a read that fills every computed value. */
import type { ValueObject } from '../protocol/cty/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { RequestBase, ValidateConfigRequest, ValidateConfigResponse } from './resource.js';
import type { Schema } from './schema.js';

export interface ReadDataSourceRequest<D> extends RequestBase<D> {
  /** Wholly known: Terraform defers the read to apply while it is not. */
  readonly config: ValueObject;
}
export interface ReadDataSourceResponse {
  /** Starts as the configuration; set the computed attributes. No unknowns may remain. */
  state: ValueObject;
  readonly diagnostics: Diagnostics;
}

export interface DataSource<D = unknown> {
  readonly schema: Schema;
  read(req: ReadDataSourceRequest<D>, resp: ReadDataSourceResponse): Promise<void>;
  validateConfig?(req: ValidateConfigRequest<D>, resp: ValidateConfigResponse): void | Promise<void>;
}
