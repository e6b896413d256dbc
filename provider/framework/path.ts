/**
 * Attribute paths, as diagnostics and requires_replace carry them:
 * an attribute name, a list/tuple index, or a map key (`{ key }`).
 * Set elements have no step (Terraform paths cannot address them).
 */
export type PathStep = string | number | { readonly key: string };
export type AttrPath = readonly PathStep[];

/** `session_persistence.type`, `ports[0]`, `tags["env"]`. */
export function formatPath(path: AttrPath): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'string') out += out ? `.${s}` : s;
    else if (typeof s === 'number') out += `[${s}]`;
    else out += `[${JSON.stringify(s.key)}]`;
  }
  return out;
}
