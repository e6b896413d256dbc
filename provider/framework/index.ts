/**
 * The provider framework: what resources, data sources and providers
 * implement and use. Nothing here exposes protobuf.
 */
export type { DataSource, ReadDataSourceRequest, ReadDataSourceResponse } from './data-source.js';
export { type Diagnostic, Diagnostics, diagnosticFromError, type Severity } from './diagnostics.js';
export { type AttrPath, formatPath, type PathStep } from './path.js';
export {
  type PlanModifier,
  type PlanModifierRequest,
  type PlanModifierResponse,
  requiresReplace,
  requiresReplaceIf,
  unknownOnUpdate,
  useStateForUnknown,
} from './plan-modifiers.js';
export type { ConfigureRequest, ConfigureResponse, Provider, ProviderValidateConfigRequest } from './provider.js';
export type * from './resource.js';
export { type Attribute, attributeType, type Block, checkSchema, impliedType, type NestedBlock, type Schema } from './schema.js';
export { oneOf, type Validator, type ValidatorRequest, validator } from './validators.js';
export { type CtyType, t } from '../protocol/cty/types.js';
export { Decimal, Dynamic, getAttr, isObject, isUnknown, isWhollyKnown, Unknown, type Value, type ValueObject } from '../protocol/cty/value.js';
export { log } from '../protocol/log.js';
export { ctyTypeFromJsonSchema, type JsonSchema } from './json-schema.js';
