/**
 * A Terraform working directory for tests and the demo: its own temp dir,
 * its own CLI configuration (TF_CLI_CONFIG_FILE) taking the provider from a
 * filesystem mirror the provider's single executable was installed into — no
 * registry, no dev_overrides — and helpers to run the CLI and read its JSON
 * output. The CLI runs on a PATH without `node`, as on a Terraform host
 * without Node.js: the provider must not need it.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installProvider, mirrorCliConfig } from '../../scripts/provider-install.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together. */
  out: string;
  ms: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** The repository's examples/terraform/<name>. */
export function exampleDir(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  // From test/terraform or dist/test/terraform up to the repository root.
  while (!path.basename(dir).match(/^(test|dist)$/)) dir = path.dirname(dir);
  if (path.basename(dir) === 'test') dir = path.dirname(dir);
  if (path.basename(dir) === 'dist') dir = path.dirname(dir);
  return path.join(dir, 'examples', 'terraform', name);
}

let mirrorOnce: Promise<string> | undefined;

/** `PATH` less every directory that holds a `node` executable. */
export function pathWithoutNode(PATH = process.env.PATH ?? ''): string {
  const hasNode = (dir: string) => {
    try {
      accessSync(path.join(dir, 'node'), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return PATH.split(path.delimiter)
    .filter((d) => d && !hasNode(d))
    .join(path.delimiter);
}

/** A temp provider mirror with the provider's single executable, once per process (removed at exit). */
export function testMirror(): Promise<string> {
  mirrorOnce ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lbaas-mirror-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await installProvider({ dir });
    return dir;
  })();
  return mirrorOnce;
}

export interface WorkdirOptions {
  /** terraform or tofu binary. */
  cli: string;
  /** Provider mirror (see testMirror / installProvider). */
  mirror: string;
  /** Agent endpoint and token, passed as LBAAS_ENDPOINT / LBAAS_TOKEN. */
  endpoint?: string;
  token?: string;
  /** Copy this directory's files in (an example). */
  from?: string;
  env?: NodeJS.ProcessEnv;
}

export class Workdir {
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  private constructor(
    readonly cli: string,
    readonly root: string,
    env: NodeJS.ProcessEnv,
  ) {
    this.dir = path.join(root, 'work');
    this.env = env;
  }

  static create(o: WorkdirOptions): Workdir {
    const root = mkdtempSync(path.join(tmpdir(), 'lbaas-tf-'));
    const rc = path.join(root, 'cli.tfrc');
    writeFileSync(rc, mirrorCliConfig(o.mirror));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      TF_CLI_CONFIG_FILE: rc,
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      TF_LOG: '',
      PATH: pathWithoutNode(process.env.PATH),
      ...(o.endpoint ? { LBAAS_ENDPOINT: o.endpoint } : {}),
      ...(o.token ? { LBAAS_TOKEN: o.token } : {}),
      ...o.env,
    };
    delete env.TF_PLUGIN_CACHE_DIR;
    const w = new Workdir(o.cli, root, env);
    mkdirSync(w.dir, { recursive: true });
    // Only the configuration: never someone's state, lock file or .terraform.
    if (o.from) cpSync(o.from, w.dir, { recursive: true, filter: (src) => !/(^|\/)(\.terraform|terraform\.tfstate|\.terraform\.lock\.hcl)/.test(path.relative(o.from!, src)) });
    return w;
  }

  write(name: string, content: string): void {
    writeFileSync(path.join(this.dir, name), content);
  }

  /** terraform.tfvars.json */
  vars(values: Record<string, unknown>): void {
    this.write('terraform.tfvars.json', JSON.stringify(values, null, 2));
  }

  run(args: string[], o: RunOptions = {}): Promise<RunResult> {
    const started = performance.now();
    return new Promise((resolve) => {
      execFile(
        this.cli,
        args,
        { cwd: this.dir, env: { ...this.env, ...o.env }, timeout: o.timeoutMs ?? 300_000, maxBuffer: 64 << 20, killSignal: 'SIGTERM' },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr, out: `${stdout}${stderr}`, ms: performance.now() - started });
        },
      );
    });
  }

  /** Runs and throws (with the output) unless the exit code is one of `codes`. */
  async ok(args: string[], codes: number[] = [0], o: RunOptions = {}): Promise<RunResult> {
    const r = await this.run(args, o);
    if (!codes.includes(r.code)) throw new Error(`${path.basename(this.cli)} ${args.join(' ')} exited ${r.code}:\n${r.out}`);
    return r;
  }

  init(): Promise<RunResult> {
    return this.ok(['init', '-no-color', '-input=false']);
  }

  apply(...extra: string[]): Promise<RunResult> {
    return this.ok(['apply', '-auto-approve', '-no-color', '-input=false', ...extra]);
  }

  destroy(...extra: string[]): Promise<RunResult> {
    return this.ok(['destroy', '-auto-approve', '-no-color', '-input=false', ...extra]);
  }

  /** `plan -detailed-exitcode`: 0 no changes, 2 changes. */
  plan(...extra: string[]): Promise<RunResult> {
    return this.ok(['plan', '-detailed-exitcode', '-no-color', '-input=false', ...extra], [0, 2]);
  }

  /** Applies the plan the last planJson() saved (no second refresh and plan). */
  applyPlan(): Promise<RunResult> {
    return this.ok(['apply', '-no-color', '-input=false', 'tfplan']);
  }

  /** The plan as `show -json` prints it; saved as tfplan for applyPlan(). */
  async planJson(...extra: string[]): Promise<PlanJson> {
    await this.ok(['plan', '-no-color', '-input=false', '-out=tfplan', ...extra]);
    const r = await this.ok(['show', '-json', 'tfplan']);
    return JSON.parse(r.stdout) as PlanJson;
  }

  async outputs(): Promise<Record<string, unknown>> {
    const r = await this.ok(['output', '-json']);
    const o = JSON.parse(r.stdout) as Record<string, { value: unknown }>;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.value]));
  }

  /** Resources in state as `show -json` prints them (address → values). */
  async state(): Promise<Map<string, Record<string, unknown>>> {
    const r = await this.ok(['show', '-json']);
    const s = JSON.parse(r.stdout) as { values?: { root_module?: { resources?: { address: string; values: Record<string, unknown> }[] } } };
    return new Map((s.values?.root_module?.resources ?? []).map((x) => [x.address, x.values]));
  }

  cleanup(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export interface ResourceChange {
  address: string;
  type: string;
  change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null; replace_paths?: unknown[][] };
}

export interface PlanJson {
  resource_changes?: ResourceChange[];
  resource_drift?: ResourceChange[];
}

/** address → actions of a plan's resource changes, leaving out no-ops. */
export function actions(plan: PlanJson): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of plan.resource_changes ?? []) if (!(c.change.actions.length === 1 && ['no-op', 'read'].includes(c.change.actions[0]!))) out[c.address] = c.change.actions;
  return out;
}
