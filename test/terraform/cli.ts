/**
 * The Terraform CLIs the end-to-end suites run with: `terraform` (a tool group
 * of scripts/deps/catalogue.ts, installed by `npm test` as root when Go is
 * there) and OpenTofu's `tofu` (never installed for you). A suite whose CLI
 * is missing is skipped, saying how to get it.
 */
import { locate, missingReason } from '../../scripts/deps/locate.js';

export type CliName = 'terraform' | 'tofu';

const ENV_VAR: Record<CliName, string> = { terraform: 'TERRAFORM', tofu: 'TOFU' };

/** $TERRAFORM / $TOFU (a path or a name), else PATH and the tool directories (~/go/bin, where `go install` puts it). */
export function findCli(name: CliName): string | undefined {
  const fromEnv = process.env[ENV_VAR[name]];
  if (fromEnv) return locate(fromEnv);
  return locate(name);
}

export function missingMessage(name: CliName): string {
  const env = process.env[ENV_VAR[name]];
  if (env) return `${name}: $${ENV_VAR[name]}=${env} is not an executable; point it at one or unset it`;
  return name === 'terraform'
    ? (missingReason('terraform') ?? 'terraform not found')
    : 'tofu: OpenTofu not found on PATH, in $TOFU or ~/go/bin; run: go install github.com/opentofu/opentofu/cmd/tofu@v1.6.3';
}
