/**
 * Where a tool of the catalogue is found: PATH first, then the places the
 * installer puts tools or Debian puts root's tools (not on a user's PATH).
 */
import { accessSync, constants } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolGroup, type ToolGroup } from './catalogue.js';

/** Repo root, from dist/scripts/deps/ or scripts/deps/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), process.env.LBAAS_ROOT ?? (import.meta.url.includes('/dist/') ? '../../..' : '../..'));
export const TOOL_VENV = path.join(ROOT, '.cache', 'tools', 'venv');

/** Where `go install` puts binaries: $GOBIN, else $GOPATH/bin, else ~/go/bin. */
export function goBin(): string {
  if (process.env.GOBIN) return process.env.GOBIN;
  const gopath = process.env.GOPATH?.split(path.delimiter)[0];
  return path.join(gopath || path.join(homedir(), 'go'), 'bin');
}

/**
 * Searched after PATH: Debian's sbin (haproxy, ovs-vsctl, ethtool live there and
 * a user's PATH lacks it), the tool venv, `go install`'s directory and Go itself.
 */
export function extraToolDirs(): string[] {
  return ['/usr/sbin', '/sbin', path.join(TOOL_VENV, 'bin'), goBin(), '/usr/local/go/bin'];
}

export function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `cmd` (a name, or a path that must be executable), or undefined. */
export function locate(cmd: string): string | undefined {
  if (cmd.includes('/')) return executable(cmd) ? path.resolve(cmd) : undefined;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...extraToolDirs()];
  for (const dir of dirs) if (dir && executable(path.join(dir, cmd))) return path.join(dir, cmd);
  return undefined;
}

/**
 * PATH with the extra tool directories appended, so that child processes (the
 * agent running `haproxy`, tests running `terraform`) find what locate() found.
 */
export function toolPath(current = process.env.PATH ?? ''): string {
  const have = current.split(path.delimiter).filter(Boolean);
  return [...have, ...extraToolDirs().filter((d) => !have.includes(d))].join(path.delimiter);
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** The commands of the group that are not found. */
export function absentCommands(group: ToolGroup | string): string[] {
  const g = typeof group === 'string' ? toolGroup(group) : group;
  return g.commands.filter((c) => !locate(c));
}

/** The command a user runs to get the group by hand. */
export function howToInstall(g: ToolGroup): string {
  if (g.go) return `go install ${g.go} (or put a release of ${g.name} from its vendor on PATH)`;
  if (g.pip?.length) {
    const venv = path.relative(process.cwd(), TOOL_VENV) || TOOL_VENV;
    return `${g.apt.length ? `apt-get install ${g.apt.join(' ')} && ` : ''}python3 -m venv ${venv} && ${venv}/bin/pip install '${g.pip.join("' '")}'`;
  }
  return `apt-get install ${g.apt.join(' ')}`;
}

/** Why the group cannot be used here and what enables it (short: gated test files print it), or undefined when it can. */
export function missingReason(group: ToolGroup | string, installer = 'npm test'): string | undefined {
  const g = typeof group === 'string' ? toolGroup(group) : group;
  const absent = absentCommands(g);
  // The installer needs apt-get, or Go for a Go tool.
  const auto = locate(g.go ? 'go' : 'apt-get') ? `as root, ${installer} installs it; or ` : '';
  if (absent.length) return `${g.name}: ${absent.join(', ')} not found; ${auto}run: ${howToInstall(g)}`;
  if (g.root && !isRoot) return `${g.name}: needs root; run as root`;
  return undefined;
}
