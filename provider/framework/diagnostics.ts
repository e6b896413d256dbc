/**
 * Diagnostics: how every failure reaches Terraform. Resource code adds them
 * to the response instead of throwing; the protocol layer turns anything
 * thrown into one too, so nothing escapes as a gRPC error.
 */
import type { AttrPath } from './path.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  readonly summary: string;
  readonly detail?: string;
  /** The attribute the problem is about; Terraform points at it in the config. */
  readonly path?: AttrPath;
}

export class Diagnostics {
  readonly items: Diagnostic[] = [];

  error(summary: string, detail?: string, path?: AttrPath): this {
    return this.add({ severity: 'error', summary, ...(detail ? { detail } : {}), ...(path ? { path } : {}) });
  }

  warning(summary: string, detail?: string, path?: AttrPath): this {
    return this.add({ severity: 'warning', summary, ...(detail ? { detail } : {}), ...(path ? { path } : {}) });
  }

  add(...d: Diagnostic[]): this {
    this.items.push(...d);
    return this;
  }

  append(other: Diagnostics): this {
    return this.add(...other.items);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }
}

/** An unexpected exception as a diagnostic: the message is the detail, the cause chain follows. */
export function diagnosticFromError(summary: string, err: unknown, path?: AttrPath): Diagnostic {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return { severity: 'error', summary, detail: parts.join('\ncaused by: '), ...(path ? { path } : {}) };
}
