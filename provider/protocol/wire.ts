/**
 * tfplugin6 messages as @grpc/proto-loader hands them over (keepCase, int64
 * as number, bytes as Buffer, unset fields absent). Only what we read/write.
 */
export interface DynamicValue {
  msgpack?: Buffer;
  json?: Buffer;
}

export type Step = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface AttributePath {
  steps: Step[];
}

export const SEVERITY = { error: 1, warning: 2 } as const;

export interface Diagnostic {
  severity: number;
  summary: string;
  detail?: string;
  attribute?: AttributePath;
}

export const STRING_KIND_PLAIN = 0;
export const NESTING_SINGLE = 1;

export interface SchemaAttribute {
  name: string;
  type?: Buffer;
  nested_type?: { attributes: SchemaAttribute[]; nesting: number };
  description: string;
  description_kind: number;
  required: boolean;
  optional: boolean;
  computed: boolean;
  sensitive: boolean;
  deprecated: boolean;
}

export interface SchemaBlock {
  version: number;
  attributes: SchemaAttribute[];
  block_types: { type_name: string; block: SchemaBlock; nesting: number; min_items: number; max_items: number }[];
  description: string;
  description_kind: number;
  deprecated: boolean;
}

export interface Schema {
  version: number;
  block: SchemaBlock;
}

export interface ServerCapabilities {
  plan_destroy: boolean;
  get_provider_schema_optional: boolean;
  move_resource_state: boolean;
  generate_resource_config: boolean;
}

/** Every response message has this (except StopProvider's). */
export interface WithDiagnostics {
  diagnostics: Diagnostic[];
}
