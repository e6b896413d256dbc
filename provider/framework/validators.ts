/**
 * Attribute validators, run on `terraform validate` and before plan for
 * values that are known and not null; a problem is a diagnostic at the
 * attribute's path, so Terraform points at the line in the configuration.
 */
import type { Value, ValueObject } from '../protocol/cty/value.js';
import type { Diagnostics } from './diagnostics.js';
import type { AttrPath } from './path.js';

export interface ValidatorRequest {
  readonly path: AttrPath;
  /** Wholly known, not null. */
  readonly value: Value;
  /** The whole configuration object of the resource (may hold unknowns). */
  readonly config: ValueObject;
}

export interface Validator {
  readonly description: string;
  validate(req: ValidatorRequest, diags: Diagnostics): void | Promise<void>;
}

export function validator(description: string, validate: Validator['validate']): Validator {
  return { description, validate };
}

export function oneOf(...allowed: readonly (string | number | boolean)[]): Validator {
  return validator(`value must be one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`, (req, diags) => {
    if (!allowed.includes(req.value as string)) {
      diags.error('Invalid attribute value', `Expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(req.value)}.`, req.path);
    }
  });
}
