/** Where a tool of the catalogue is found: PATH first, then the project's tool venv. */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolGroup, type ToolGroup } from './catalogue.js';

/** Repo root, from dist/scripts/deps/ or scripts/deps/. */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), process.env.LBAAS_ROOT ?? (import.meta.url.includes('/dist/') ? '../../..' : '../..'));
export const TOOL_VENV = path.join(ROOT, '.cache', 'tools', 'venv');

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Absolute path of `cmd`, or undefined. */
export function locate(cmd: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/sbin', path.join(TOOL_VENV, 'bin')];
  for (const dir of dirs) if (dir && executable(path.join(dir, cmd))) return path.join(dir, cmd);
  return undefined;
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Why the group cannot be used here, or undefined when it can. */
export function missingReason(group: ToolGroup | string): string | undefined {
  const g = typeof group === 'string' ? toolGroup(group) : group;
  const absent = g.commands.filter((c) => !locate(c));
  const how = g.pip?.length ? `pip install '${g.pip.join("' '")}'` : `apt-get install ${g.apt.join(' ')}`;
  if (absent.length) return `${g.name}: ${absent.join(', ')} not found (${g.why}); as root, npm test installs it, or run: ${how}`;
  if (g.root && !isRoot) return `${g.name}: needs root (${g.why}); run the tests as root`;
  return undefined;
}
