/** StopProvider (Ctrl-C in Terraform): abort what is in flight; the process stays until Shutdown. */
import type { FrameworkServer } from '../../framework/server/server.js';

export async function stopProvider(server: FrameworkServer) {
  try {
    await server.stop();
    return {};
  } catch (e) {
    return { Error: e instanceof Error ? e.message : String(e) };
  }
}
