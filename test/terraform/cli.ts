/**
 * The Terraform CLIs the end-to-end suites run with: `terraform` (required:
 * its suites fail loudly when it is missing) and OpenTofu's `tofu` (its
 * suites are skipped, saying so, when it is not installed).
 */
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export type CliName = 'terraform' | 'tofu';

const ENV_VAR: Record<CliName, string> = { terraform: 'TERRAFORM', tofu: 'TOFU' };

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** $TERRAFORM / $TOFU, else PATH, else (tofu) ~/go/bin where `go install` puts it. */
export function findCli(name: CliName): string | undefined {
  const fromEnv = process.env[ENV_VAR[name]];
  if (fromEnv) return fromEnv.includes('/') ? (executable(fromEnv) ? fromEnv : undefined) : findOnPath(fromEnv);
  return findOnPath(name) ?? (name === 'tofu' && executable(path.join(homedir(), 'go', 'bin', 'tofu')) ? path.join(homedir(), 'go', 'bin', 'tofu') : undefined);
}

function findOnPath(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, bin))) return path.join(dir, bin);
  }
  return undefined;
}

export function missingMessage(name: CliName): string {
  return name === 'terraform'
    ? 'terraform not found: install Terraform (https://developer.hashicorp.com/terraform/install) or set $TERRAFORM to its path. The end-to-end suite cannot run without it.'
    : 'OpenTofu suite skipped: tofu not found on PATH, in $TOFU or ~/go/bin (go install github.com/opentofu/opentofu/cmd/tofu@v1.6.3).';
}
