/** Can the netns driver run here? For `--driver auto`; says why not. */
import { haveCommand } from '../../exec/run.js';
import { ovsReachable } from '../../ovs/db.js';

export async function netnsPossible(opts: { ovsDb?: string | undefined } = {}): Promise<{ ok: boolean; reason: string }> {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return { ok: false, reason: 'not running as root' };
  const tools: [string, string[]][] = [
    ['ip', ['-V']],
    ['ovs-vsctl', ['--version']],
    ['haproxy', ['-v']],
    // Needed to turn TX offload off on veth ends on the userspace datapath.
    ['ethtool', ['--version']],
  ];
  const missing: string[] = [];
  for (const [file, args] of tools) if (!(await haveCommand(file, args))) missing.push(file);
  if (missing.length > 0) return { ok: false, reason: `not on PATH: ${missing.join(', ')}` };
  const db = await ovsReachable({ db: opts.ovsDb });
  if (!db.ok) return { ok: false, reason: db.reason };
  const arping = await haveCommand('arping', ['--help']);
  return { ok: true, reason: `root; ip, ovs-vsctl, haproxy, ethtool found; ${db.reason}${arping ? '' : '; arping missing (no gratuitous ARP)'}` };
}
