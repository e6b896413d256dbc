/**
 * The tools that are not Debian packages: PyPI requirements into the
 * project's tool venv, Go modules with `go install`. Their output streams
 * (quietly) to our stderr; a failure is reported, never thrown.
 */
import path from 'node:path';
import { run } from '../../agent/exec/run.js';
import { executable, goBin, locate, TOOL_VENV } from './locate.js';

const PIP_TIMEOUT_MS = 20 * 60_000;
/** Building Terraform from source takes minutes on a busy 2-core machine. */
const GO_TIMEOUT_MS = 45 * 60_000;

/** pip install `reqs` into .cache/tools/venv (created first when missing). */
export async function pipInstall(reqs: readonly string[], say: (m: string) => void): Promise<boolean> {
  const python = path.join(TOOL_VENV, 'bin', 'python');
  if (!executable(python)) {
    const py = locate('python3');
    if (!py) {
      say('python3 not found: cannot create the tool venv');
      return false;
    }
    say(`python3 -m venv ${TOOL_VENV}`);
    const v = await run(py, ['-m', 'venv', TOOL_VENV], { reject: false, timeoutMs: 120_000, inherit: ['stderr'] });
    if (v.exitCode !== 0) return false;
  }
  say(`pip install ${reqs.map((r) => `'${r}'`).join(' ')} (into ${TOOL_VENV})`);
  const r = await run(python, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', ...reqs], { reject: false, timeoutMs: PIP_TIMEOUT_MS, inherit: ['stderr'] });
  return r.exitCode === 0;
}

/** `go install module@version` into goBin(); false when there is no Go or the build fails. */
export async function goInstall(module: string, say: (m: string) => void): Promise<boolean> {
  const go = locate('go');
  if (!go) return false;
  say(`go install ${module} (into ${goBin()}; building takes a few minutes)`);
  const r = await run(go, ['install', module], { reject: false, timeoutMs: GO_TIMEOUT_MS, inherit: ['stderr'] });
  return r.exitCode === 0;
}
