/** GET /v1/pools/{id}/stats: counters from the pool's HAProxy stats socket (absent before HAProxy reported). */
import { z } from 'zod';

const counters = {
  current_sessions: z.number().optional(),
  max_sessions: z.number().optional(),
  total_sessions: z.number().optional(),
  bytes_in: z.number().optional(),
  bytes_out: z.number().optional(),
  connection_errors: z.number().optional(),
  response_errors: z.number().optional(),
  status: z.string().optional().describe('HAProxy status, e.g. UP, DOWN, MAINT, no check.'),
};

export const PoolStats = z.object({
  pool_id: z.string(),
  ...counters,
  members: z.array(
    z.object({
      member_id: z.string(),
      ...counters,
      weight: z.number().optional(),
      check_status: z.string().optional(),
    }),
  ),
});
export type PoolStats = z.infer<typeof PoolStats>;
