/** Framework diagnostics and paths → tfplugin6 Diagnostic / AttributePath. */
import type { Diagnostic } from '../../framework/diagnostics.js';
import type { AttrPath } from '../../framework/path.js';
import * as wire from '../wire.js';

export function toAttributePath(path: AttrPath): wire.AttributePath {
  return {
    steps: path.map((s): wire.Step => (typeof s === 'string' ? { attribute_name: s } : typeof s === 'number' ? { element_key_int: s } : { element_key_string: s.key })),
  };
}

export function toDiagnostic(d: Diagnostic): wire.Diagnostic {
  return {
    severity: wire.SEVERITY[d.severity],
    summary: d.summary,
    ...(d.detail ? { detail: d.detail } : {}),
    ...(d.path?.length ? { attribute: toAttributePath(d.path) } : {}),
  };
}

export function toDiagnostics(items: readonly Diagnostic[]): wire.Diagnostic[] {
  return items.map(toDiagnostic);
}
