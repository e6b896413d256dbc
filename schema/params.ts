/**
 * Query parameters and request headers of the API, once: the agent parses
 * them with these schemas and the OpenAPI document publishes them.
 */
import { z } from 'zod';
import { Id } from './common.js';

/** Longest `?wait=`: beyond this a client should poll. */
export const MAX_WAIT_S = 300;

export const QUERY = {
  wait: z
    .number({ error: `must be a number of seconds between 0 and ${MAX_WAIT_S}` })
    .min(0, { error: `must be a number of seconds between 0 and ${MAX_WAIT_S}` })
    .max(MAX_WAIT_S, { error: `must be a number of seconds between 0 and ${MAX_WAIT_S}` })
    .describe(`Seconds to wait for the change to be live on the data plane (0-${MAX_WAIT_S}); also \`Prefer: wait=<s>\`.`),
  cascade: z.boolean({ error: 'must be true or false' }).describe('Also delete (or detach) the objects that refer to this one.'),
  pool_id: Id.describe('Only the members of this pool.'),
} satisfies Record<string, z.ZodType>;
export type QueryName = keyof typeof QUERY;

export const HEADERS = {
  // What parseIfMatch reads: one revision as an ETag (strong or weak, quotes optional) or *.
  'If-Match': z
    .string()
    .regex(/^\s*(?:\*|(?:W\/)?"?[0-9]+"?)\s*$/, { error: 'must be an ETag such as "3" or *' })
    .describe('Revision the write applies to (the ETag of a read); 412 when the object has changed since.'),
  'Idempotency-Key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, { error: 'must be 1-255 visible ASCII characters' })
    .describe('A retried create with the same key returns the first result (200) instead of a duplicate.'),
} satisfies Record<string, z.ZodType>;
export type HeaderName = keyof typeof HEADERS;
