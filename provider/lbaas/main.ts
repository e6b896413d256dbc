/**
 * Entry point of terraform-provider-lbaas. Started by Terraform: serve plugin
 * protocol 6 (the provider's modules load after the handshake). By hand:
 * `--print-schema` writes the `terraform providers schema -json` document,
 * `--version` the version.
 */
import { serve } from '../protocol/serve.js';
import { PROVIDER_VERSION } from './version.js';

const arg = process.argv[2];
if (arg === '--print-schema') {
  import('./tfschema/json.js')
    .then((m) => process.stdout.write(`${JSON.stringify(m.providerSchemaJson(), null, 2)}\n`))
    .catch((e: unknown) => {
      process.stderr.write(`terraform-provider-lbaas: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    });
} else if (arg === '--version') {
  process.stdout.write(`terraform-provider-lbaas ${PROVIDER_VERSION}\n`);
} else {
  serve(() => import('./provider.js').then((m) => m.provider));
}
