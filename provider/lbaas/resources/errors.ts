/**
 * Failures of agent calls as diagnostics: field errors of a problem+json
 * answer point at the attribute, a connection failure names the endpoint.
 */
import { ApiError } from '../../../client/index.js';
import { type AttrPath, type Diagnostics, diagnosticFromError, type Block } from '../../framework/index.js';

/** A problem path as an attribute path of `block`, when it names one (set elements have no path step). */
export function attributePath(block: Block, path: readonly (string | number)[], sets: readonly string[] = []): AttrPath | undefined {
  const [first] = path;
  if (typeof first !== 'string' || !(first in block.attributes || first in (block.blocks ?? {}))) return undefined;
  if (sets.includes(first)) return [first];
  return path.filter((p) => typeof p === 'string' || typeof p === 'number');
}

export function reportApiError(diags: Diagnostics, summary: string, err: unknown, block: Block, endpoint: string, sets: readonly string[] = []): void {
  if (err instanceof ApiError) {
    const fields = err.problem.errors ?? [];
    const located = fields.map((f) => ({ f, path: attributePath(block, f.path, sets) }));
    for (const { f, path } of located) diags.error(summary, `${f.field} ${f.message}`, path);
    if (!fields.length) {
      const referrers = err.problem.referrers?.map((r) => `${r.kind} ${r.id}`).join(', ');
      diags.error(summary, `The agent answered ${err.status} ${err.problem.code}: ${err.problem.detail}${referrers ? ` (referenced by ${referrers})` : ''}`);
    }
    return;
  }
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && /^E[A-Z]+/.test(code)) {
    diags.error(summary, `Cannot reach the lbaas-agent at ${endpoint}: ${code}. Is it running, and is the provider's endpoint (or $LBAAS_ENDPOINT) right?`);
    return;
  }
  diags.add(diagnosticFromError(summary, err));
}
