/** Terraform's platform names (`linux_amd64`) and Node's (`linux`, `x64`) for the same thing. */

export interface Platform {
  /** Terraform's os_arch, e.g. linux_arm64. */
  name: string;
  os: string;
  arch: string;
  /** process.arch for that arch (x64, arm64). */
  nodeArch: string;
}

const NODE_ARCH: Record<string, string> = { amd64: 'x64', arm64: 'arm64', '386': 'ia32', arm: 'arm' };

/** The platforms a release builds by default. */
export const RELEASE_PLATFORMS = ['linux_amd64', 'linux_arm64'] as const;

export function platform(name: string): Platform {
  const m = /^([a-z0-9]+)_([a-z0-9]+)$/.exec(name);
  const nodeArch = m ? NODE_ARCH[m[2]!] : undefined;
  if (!m || !nodeArch) throw new Error(`platform "${name}" is not os_arch with arch one of ${Object.keys(NODE_ARCH).join(', ')} (e.g. linux_amd64)`);
  return { name, os: m[1]!, arch: m[2]!, nodeArch };
}

/** This host's platform. */
export function hostPlatform(): Platform {
  const arch = Object.entries(NODE_ARCH).find(([, n]) => n === process.arch)?.[0] ?? process.arch;
  return platform(`${process.platform}_${arch}`);
}

export function isHost(p: Platform): boolean {
  return p.os === process.platform && p.nodeArch === process.arch;
}
