/** GetFunctions: this provider has none (OpenTofu asks anyway). */
export async function getFunctions() {
  return { functions: {}, diagnostics: [] };
}
