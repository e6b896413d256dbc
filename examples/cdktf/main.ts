/**
 * The load balancer of examples/terraform/basic in CDKTF: a pool of three
 * members behind a VIP with an HTTP health monitor and cookie persistence,
 * written in TypeScript over the bindings generated from the provider schema
 * (provider/cdktf/generated, made by `npm run cdktf:generate`).
 *
 *   npm run cdktf:synth                 # generate, compile, synthesize
 *   cd examples/cdktf/cdktf.out/stacks/lbaas-example
 *   terraform init && terraform apply   # provider from `npm run provider:install`
 */
import { App, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import type { Construct } from 'constructs';
import { HealthMonitor } from '../../provider/cdktf/generated/providers/lbaas/health-monitor/index.js';
import { Member } from '../../provider/cdktf/generated/providers/lbaas/member/index.js';
import { Pool } from '../../provider/cdktf/generated/providers/lbaas/pool/index.js';
import { LbaasProvider } from '../../provider/cdktf/generated/providers/lbaas/provider/index.js';
import { Vip } from '../../provider/cdktf/generated/providers/lbaas/vip/index.js';

export const STACK = 'lbaas-example';

export interface Backend {
  address: string;
  port: number;
  /** 0–256; 0 drains. Default 1. */
  weight?: number;
}

export const BACKENDS: readonly Backend[] = [
  { address: '127.0.0.1', port: 8001 },
  { address: '127.0.0.1', port: 8002 },
  { address: '127.0.0.1', port: 8003 },
];

export interface LoadBalancerProps {
  backends?: readonly Backend[];
  /** VIP address; omitted, the agent allocates one from the subnet. */
  vipAddress?: string;
}

export class LoadBalancerStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: LoadBalancerProps = {}) {
    super(scope, id);
    const backends = props.backends ?? BACKENDS;
    // State beside the synthesized cdk.tf.json, wherever terraform runs it.
    new LocalBackend(this, { path: 'terraform.tfstate' });
    // endpoint and token from LBAAS_ENDPOINT and LBAAS_TOKEN / LBAAS_TOKEN_FILE.
    new LbaasProvider(this, 'lbaas', {});

    const subnet = new TerraformVariable(this, 'subnet', {
      type: 'string',
      default: 'local',
      description: 'Agent network of the pool and VIP (`local` under the local driver).',
    });
    const vipPort = new TerraformVariable(this, 'vip_port', { type: 'number', default: 8080 });

    const monitor = new HealthMonitor(this, 'http', {
      type: 'HTTP',
      delay: 2,
      timeout: 1,
      maxRetries: 3,
      urlPath: '/',
      expectedCodes: '200-299',
    });

    const pool = new Pool(this, 'web', {
      name: 'web',
      protocol: 'HTTP',
      lbMethod: 'ROUND_ROBIN',
      subnet: subnet.stringValue,
      healthMonitorIds: [monitor.id],
    });

    const members = backends.map(
      (b, i) =>
        new Member(this, `web-${i}`, {
          poolId: pool.id,
          address: b.address,
          protocolPort: b.port,
          weight: b.weight ?? 1,
        }),
    );

    const vip = new Vip(this, 'vip', {
      name: 'web',
      poolId: pool.id,
      subnet: subnet.stringValue,
      ...(props.vipAddress ? { address: props.vipAddress } : {}),
      protocol: 'HTTP',
      protocolPort: vipPort.numberValue,
      sessionPersistence: { type: 'HTTP_COOKIE' },
      // Members first, so the VIP goes live with a full pool.
      dependsOn: members,
    });

    new TerraformOutput(this, 'address', { value: vip.address });
    new TerraformOutput(this, 'url', { value: `http://${vip.address}:${vipPort.stringValue}/` });
  }
}

// Synthesizes into $CDKTF_OUTDIR (default ./cdktf.out): stacks/<STACK>/cdk.tf.json. $LBAAS_VIP_ADDRESS pins the VIP address.
const app = new App();
new LoadBalancerStack(app, STACK, process.env.LBAAS_VIP_ADDRESS ? { vipAddress: process.env.LBAAS_VIP_ADDRESS } : {});
app.synth();
