/** ReadResource (refresh) and ReadDataSource. */
import { cloneValue, type ValueObject } from '../../protocol/cty/value.js';
import { Diagnostics } from '../diagnostics.js';
import type { ReadDataSourceResponse } from '../data-source.js';
import type { ReadResponse } from '../resource.js';
import { type FrameworkServer, guard } from './server.js';
import { conformObject, reportResult, stripUnknowns } from './values.js';

export interface ReadResult {
  /** null: the object is gone; Terraform says so and plans a create. */
  readonly newState: ValueObject | null;
  readonly private: Buffer | undefined;
  readonly diagnostics: Diagnostics;
  readonly dropped: string[];
}

export async function readResource<D>(
  server: FrameworkServer<D>,
  req: { typeName: string; state: ValueObject | null; private: Buffer | undefined },
): Promise<ReadResult> {
  const diagnostics = new Diagnostics();
  const dropped: string[] = [];
  const entry = server.resource(req.typeName, diagnostics);
  if (!entry || req.state === null) return { newState: req.state, private: req.private, diagnostics, dropped };
  const resp: ReadResponse = { state: cloneValue(req.state), diagnostics, ...(req.private ? { private: req.private } : {}) };
  await guard(diagnostics, 'Error reading the resource', () => entry.impl.read({ ...server.base(req.typeName), state: req.state!, private: req.private }, resp));
  if (resp.state === null) return { newState: null, private: resp.private, diagnostics, dropped };
  const state = conformObject(entry.type, resp.state, dropped);
  reportResult(diagnostics, 'read', stripUnknowns(state));
  return { newState: state, private: resp.private, diagnostics, dropped };
}

export async function readDataSource<D>(
  server: FrameworkServer<D>,
  req: { typeName: string; config: ValueObject | null },
): Promise<{ state: ValueObject | null; diagnostics: Diagnostics; dropped: string[] }> {
  const diagnostics = new Diagnostics();
  const dropped: string[] = [];
  const entry = server.dataSource(req.typeName, diagnostics);
  if (!entry) return { state: null, diagnostics, dropped };
  const config = req.config ?? {};
  const resp: ReadDataSourceResponse = { state: cloneValue(config), diagnostics };
  await guard(diagnostics, 'Error reading the data source', () => entry.impl.read({ ...server.base(req.typeName), config }, resp));
  const state = conformObject(entry.type, resp.state, dropped);
  reportResult(diagnostics, 'data source read', stripUnknowns(state));
  return { state, diagnostics, dropped };
}
