/** Identity of the provider: its source address and version (kept equal to package.json's). */
export const PROVIDER_HOST = 'lbaas.local';
export const PROVIDER_NAMESPACE = 'lbaas';
export const PROVIDER_TYPE = 'lbaas';
/** What `required_providers { lbaas = { source = ... } }` names. */
export const PROVIDER_SOURCE = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;
export const PROVIDER_VERSION = '0.1.0';
