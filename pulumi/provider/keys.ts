/** Names shared by the program side and the provider side. */

/** Input and output properties that configure the provider rather than describe the object. */
export const SETTING_KEYS = ['endpoint', 'endpoints', 'token', 'waitSeconds'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Property the dynamic provider host adds to every resource: the serialized provider. */
export const PROVIDER_KEY = '__provider';

/**
 * The id given with the `import` resource option. Dynamic providers cannot be
 * imported by the engine (it calls read without the serialized provider,
 * pulumi/pulumi#16175), so the resource carries the id instead and create
 * adopts that object after checking it matches the program.
 */
export const IMPORT_KEY = '__import';

/** Carried with every resource beside the object's own fields, never sent to the agent as fields. */
export const CARRIED_KEYS: readonly string[] = [...SETTING_KEYS, IMPORT_KEY];

export { CONNECTION_ENV } from '../../client/connection.js';
