/** application/problem+json (RFC 9457) with the zod issue paths. */
import { z } from 'zod';

export const Problem = z.object({
  type: z.string().describe('Stable error code as a URI: urn:lbaas:error:<code>.'),
  title: z.string(),
  status: z.int(),
  detail: z.string(),
  code: z.string().describe('Stable error code, e.g. validation_failed, conflict, not_found.'),
  errors: z
    .array(z.object({ path: z.array(z.union([z.string(), z.int()])), field: z.string(), message: z.string() }))
    .optional()
    .describe('One entry per invalid field.'),
  referrers: z.array(z.object({ kind: z.string(), id: z.string() })).optional(),
});
export type Problem = z.infer<typeof Problem>;
