/**
 * `terraform apply` of examples/terraform/basic against a running agent, for
 * the demo: installs the bundled provider into a temporary mirror, copies
 * the example into a temporary working directory, runs init and apply, and
 * returns the outputs and a matching destroy (which also removes the
 * temporary directories).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findCli, missingMessage } from '../test/terraform/cli.js';
import { exampleDir, Workdir } from '../test/terraform/workdir.js';
import { installProvider } from './provider-install.js';

export interface TerraformDemoOptions {
  /** Agent API, e.g. http://127.0.0.1:9696, and its token. */
  endpoint: string;
  token: string;
  /** Ports of the three (or more) backends; each becomes a member. */
  backendPorts: number[];
  /** Address of the backends (default 127.0.0.1). */
  backendAddress?: string;
  /** VIP port, and address (default: allocated by the agent). */
  vipPort: number;
  vipAddress?: string;
  /** terraform (default $TERRAFORM, else terraform on PATH) or a tofu binary. */
  terraform?: string;
  /** Receives Terraform's output after each command (default: nothing). */
  log?: (text: string) => void;
}

export interface TerraformDemo {
  /** The working directory (main.tf, terraform.tfvars.json, state). */
  readonly dir: string;
  readonly outputs: { vip_address: string; url: string };
  /** terraform destroy, then remove the temporary directories. */
  destroy(): Promise<void>;
}

export async function applyBasicExample(o: TerraformDemoOptions): Promise<TerraformDemo> {
  const cli = o.terraform ?? findCli('terraform');
  if (!cli) throw new Error(missingMessage('terraform'));
  const mirror = mkdtempSync(path.join(tmpdir(), 'lbaas-demo-mirror-'));
  let w: Workdir | undefined;
  const removeAll = () => {
    w?.cleanup();
    rmSync(mirror, { recursive: true, force: true });
  };
  try {
    await installProvider({ dir: mirror });
    w = Workdir.create({ cli, mirror, endpoint: o.endpoint, token: o.token, from: exampleDir('basic') });
    w.vars({
      members: o.backendPorts.map((port) => ({ address: o.backendAddress ?? '127.0.0.1', port })),
      vip_port: o.vipPort,
      ...(o.vipAddress ? { vip_address: o.vipAddress } : {}),
    });
    // Await first: `o.log?.(await p)` would skip the await when there is no log.
    const run = async (p: Promise<{ out: string }>) => {
      const r = await p;
      o.log?.(r.out);
    };
    await run(w.init());
    await run(w.apply());
    const outputs = (await w.outputs()) as unknown as TerraformDemo['outputs'];
    const work = w;
    return {
      dir: work.dir,
      outputs,
      async destroy() {
        try {
          await run(work.destroy());
        } finally {
          removeAll();
        }
      },
    };
  } catch (e) {
    // A failed apply may have created some objects: remove them before the state goes.
    if (w) await w.run(['destroy', '-auto-approve', '-no-color', '-input=false']).catch(() => undefined);
    removeAll();
    throw e;
  }
}

/** The matching destroy (same as `demo.destroy()`). */
export function destroyBasicExample(demo: TerraformDemo): Promise<void> {
  return demo.destroy();
}
