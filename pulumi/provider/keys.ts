/** Names shared by the program side and the provider side (no imports: both load it). */

/** Input and output properties that configure the provider rather than describe the object. */
export const SETTING_KEYS = ['endpoint', 'token', 'waitSeconds'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Property the dynamic provider host adds to every resource: the serialized provider. */
export const PROVIDER_KEY = '__provider';

export const ENDPOINT_ENV = 'LBAAS_ENDPOINT';
export const TOKEN_ENV = 'LBAAS_TOKEN';
