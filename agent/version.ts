/** The agent's version, from package.json (read once). */
import { readFileSync } from 'node:fs';

function read(): string {
  for (const rel of ['../../package.json', '../package.json']) {
    try {
      return (JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { version: string }).version;
    } catch {
      // try the next layout (dist/agent or a bundle)
    }
  }
  return '0.0.0';
}

export const VERSION = read();
