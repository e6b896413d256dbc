/**
 * What a managed resource implements. The required part is schema + CRUD;
 * validateConfig, modifyPlan, importState and upgradeState are optional
 * capabilities. Requests carry plain values (no protobuf): objects keyed by
 * attribute name, `Unknown` where Terraform does not know a value yet.
 * Problems go into `resp.diagnostics`; an exception becomes an error diagnostic.
 */
import type { ValueObject } from '../protocol/cty/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttrPath } from './path.js';
import type { Schema } from './schema.js';

/** Every request: what ConfigureProvider produced, and a signal aborted by StopProvider. */
export interface RequestBase<D> {
  readonly typeName: string;
  readonly providerData: D | undefined;
  readonly signal: AbortSignal;
}

export interface CreateRequest<D> extends RequestBase<D> {
  readonly config: ValueObject;
  /** The planned state: computed attributes are `Unknown` until create fills them. */
  readonly plan: ValueObject;
  /** What modifyPlan stored in `private` for this create (e.g. an idempotency key). */
  readonly private: Buffer | undefined;
}
export interface CreateResponse {
  /** Starts null; set it to the created object, every value known, every known planned value kept. Set it even with errors when the object exists. */
  state: ValueObject | null;
  private?: Buffer;
  readonly diagnostics: Diagnostics;
}

export interface ReadRequest<D> extends RequestBase<D> {
  readonly state: ValueObject;
  readonly private: Buffer | undefined;
}
export interface ReadResponse {
  /** Starts as the current state; set null when the object no longer exists (Terraform plans a create). */
  state: ValueObject | null;
  private?: Buffer;
  readonly diagnostics: Diagnostics;
}

export interface UpdateRequest<D> extends RequestBase<D> {
  readonly config: ValueObject;
  readonly plan: ValueObject;
  /** The prior state. */
  readonly state: ValueObject;
  readonly private: Buffer | undefined;
}
export interface UpdateResponse {
  /** Starts as the plan; replace the unknowns. */
  state: ValueObject;
  private?: Buffer;
  readonly diagnostics: Diagnostics;
}

export interface DeleteRequest<D> extends RequestBase<D> {
  readonly state: ValueObject;
  readonly private: Buffer | undefined;
}
export interface DeleteResponse {
  readonly diagnostics: Diagnostics;
}

export interface ValidateConfigRequest<D> extends RequestBase<D> {
  /** May hold unknowns, even during `terraform validate`. */
  readonly config: ValueObject;
}
export interface ValidateConfigResponse {
  readonly diagnostics: Diagnostics;
}

export interface ModifyPlanRequest<D> extends RequestBase<D> {
  readonly config: ValueObject;
  /** null on create. */
  readonly state: ValueObject | null;
  readonly private: Buffer | undefined;
}
export interface ModifyPlanResponse {
  /** The plan after defaults, unknown computed values and attribute plan modifiers; change it in place or replace it. */
  plan: ValueObject;
  /** Extra paths whose change forces a replacement. */
  readonly requiresReplace: AttrPath[];
  private?: Buffer;
  readonly diagnostics: Diagnostics;
}

export interface ImportStateRequest<D> extends RequestBase<D> {
  /** The id the user gave to `terraform import` or an import block. */
  readonly id: string;
}
export interface ImportStateResponse {
  /** Starts with every attribute null and `id` set; Terraform then calls read. */
  state: ValueObject;
  private?: Buffer;
  readonly diagnostics: Diagnostics;
}

export interface UpgradeStateRequest {
  readonly typeName: string;
  /** Schema version the state was written with. */
  readonly version: number;
  /** The stored state, parsed from JSON (numbers as JS numbers). */
  readonly rawState: unknown;
}
export interface UpgradeStateResponse {
  /** Starts as the raw state read with the current schema; set it to the upgraded state. */
  state: ValueObject | null;
  readonly diagnostics: Diagnostics;
}

export interface Resource<D = unknown> {
  readonly schema: Schema;
  create(req: CreateRequest<D>, resp: CreateResponse): Promise<void>;
  read(req: ReadRequest<D>, resp: ReadResponse): Promise<void>;
  update(req: UpdateRequest<D>, resp: UpdateResponse): Promise<void>;
  delete(req: DeleteRequest<D>, resp: DeleteResponse): Promise<void>;

  /** Cross-attribute checks beyond attribute validators. */
  validateConfig?(req: ValidateConfigRequest<D>, resp: ValidateConfigResponse): void | Promise<void>;
  /** Runs after the framework's planning; may set values, unknowns and replacement paths. */
  modifyPlan?(req: ModifyPlanRequest<D>, resp: ModifyPlanResponse): void | Promise<void>;
  /** Without it, import sets the `id` attribute from the given id. */
  importState?(req: ImportStateRequest<D>, resp: ImportStateResponse): void | Promise<void>;
  /** Without it, stored state is read with the current schema (unknown attributes dropped, missing ones null). */
  upgradeState?(req: UpgradeStateRequest, resp: UpgradeStateResponse): void | Promise<void>;
}
