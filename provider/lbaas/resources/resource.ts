/** A Terraform resource of one lbaas kind: its derived schema and one file per operation. */
import type { Kind } from '../../../schema/resources.js';
import type { Resource } from '../../framework/index.js';
import { create } from './create.js';
import { remove } from './delete.js';
import { KIND_CONTEXTS } from './kinds.js';
import { modifyPlan } from './plan.js';
import type { ProviderData } from './provider-data.js';
import { read } from './read.js';
import { update } from './update.js';
import { validateConfig } from './validate.js';

export function lbaasResource(kind: Kind): Resource<ProviderData> {
  const ctx = KIND_CONTEXTS[kind];
  return {
    schema: ctx.schema,
    create: (req, resp) => create(ctx, req, resp),
    read: (req, resp) => read(ctx, req, resp),
    update: (req, resp) => update(ctx, req, resp),
    delete: (req, resp) => remove(ctx, req, resp),
    validateConfig: (req, resp) => validateConfig(ctx, req, resp),
    modifyPlan: (req, resp) => modifyPlan(ctx, req, resp),
    // Import: the framework sets `id` from the given id; read fills the rest.
  };
}
