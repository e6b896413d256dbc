/** GetResourceIdentitySchemas (Terraform ≥ 1.12): no resource declares an identity. */
export async function getResourceIdentitySchemas() {
  return { identity_schemas: {}, diagnostics: [] };
}
