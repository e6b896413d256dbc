/** Limits the agent enforces and its clients (provider, Pulumi, CLI) plan with: one definition for both sides. */

/** Longest `?wait=` (seconds) the agent accepts: beyond this a client polls. */
export const MAX_WAIT_S = 300;
